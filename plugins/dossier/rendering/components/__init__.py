"""Parts shared by several pages: stance labels, quotations and footnotes, graphs, small timelines, JSON-LD."""

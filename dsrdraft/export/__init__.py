"""Word export of drafts: one module per concern (body, redline, signature block, comments,
fingerprint); raw XML only in `xml`."""

"""Word round trip: exports read back as drafts, and delegations' returned Word files (no Qt)."""

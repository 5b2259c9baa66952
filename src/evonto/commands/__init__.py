"""One module per CLI command. Each imports only click at module level."""

"""Cross-network search: the contract (query, engines, text, visibility), the engines, the page
and the API."""

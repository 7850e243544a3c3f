"""The SimplyBook JSON-RPC adapter: envelopes, params, the method table and the Flask views."""

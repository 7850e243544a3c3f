"""SimplyBook.me's JSON-RPC 2.0 API (login, public and admin services), mounted under /simplybook."""

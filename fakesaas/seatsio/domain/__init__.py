"""The Seats.io domain: companies, workspaces, drawings, charts, events and object statuses (pure Python)."""

"""Seats.io REST v2: charts, events, object statuses, hold tokens and workspaces, mounted at /seatsio."""

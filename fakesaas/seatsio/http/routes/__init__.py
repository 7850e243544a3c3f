"""Route modules of the Seats.io blueprint, one per resource family."""

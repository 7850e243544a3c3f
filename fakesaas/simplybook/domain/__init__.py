"""The SimplyBook.me domain: companies, catalogue, availability, bookings; pure Python, no I/O."""

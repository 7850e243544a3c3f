"""SuperSaaS domain: pure rules over accounts, schedules, users, bookings and the change log.

No I/O here: no Flask, werkzeug or lxml, and time only from the injected clock.
"""

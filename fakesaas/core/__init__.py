"""Vendor-neutral pieces shared by every emulated service: clock, ids, world, documents, errors."""

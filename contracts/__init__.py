"""Black-box contract suite: speaks HTTP only, against the emulator or a real SuperSaaS account."""

"""The audit log: every write, who made it, and from which request."""

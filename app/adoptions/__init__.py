"""Pathways used across the tree: owners and adoptions, and the layers they give a chain."""

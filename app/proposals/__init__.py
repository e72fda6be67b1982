"""Change proposals: submit, discuss, decide; accepting writes a revision."""

"""Text search helpers that every database backend shares, so the same query finds the same rows everywhere."""

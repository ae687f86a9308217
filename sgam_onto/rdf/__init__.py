"""RDF plumbing: strict parsing, term conversion, deterministic Turtle."""

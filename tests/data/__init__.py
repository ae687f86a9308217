"""Tests of the data folders: ontology/, shapes/, the alignments and the stored queries."""

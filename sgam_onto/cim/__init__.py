"""IEC CIM network models (CGMES 2.4.15 and 3.0, CIM XML as IEC 61970-552 writes it)."""

"""The sections of the landscape report and the catalogue query behind each one."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """A report section: which catalogue query fills it, and which of its columns are shown.

    `columns` lists the query columns to show, in order (all of them when empty); IRI values
    are shown by their label and link to the IRI.
    """

    key: str
    title: str
    intro: str
    query: str
    columns: tuple[str, ...] = ()
    params: dict[str, str] = field(default_factory=dict)

    def command(self) -> str:
        """The command a reader runs to get the same answer."""
        args = "".join(f" --param {name}={value}" for name, value in self.params.items())
        return f"sgam-onto query {self.query}{args}"


SECTIONS: tuple[Section, ...] = (
    Section(
        "table-1",
        "Table 1 regenerated",
        "Which IEC and ISO entities the SRD marks as involved in each family of grid user "
        "interfaces, rebuilt row by row from the involvement records; a footnote mark follows "
        "the cell mark (X^b).",
        "table-1",
    ),
    Section(
        "coordination-status",
        "Coordination items by status and importance",
        "How far each recommended coordination had got when the SRD was written, counting the "
        "items of high importance apart. An item with two statuses counts under both.",
        "coordination-status-counts",
        ("statusLabel", "highImportance", "normal", "items"),
    ),
    Section(
        "coordination-high-importance",
        "Coordination items of high importance",
        "The recommendations the SRD considers essential for a consistent set of standards.",
        "coordination-high-importance",
        ("number", "topic", "parties"),
    ),
    Section(
        "coordination-items",
        "All coordination items",
        "The 26 recommendations of 4.2.3 with the entities they name as parties.",
        "coordination-items",
        ("number", "parties", "highImportance", "status"),
    ),
    Section(
        "coordination-ranking",
        "Coordination network: bodies ranked",
        "Each body with the number of recommendations it takes part in (directly or through a "
        "group) and the number of distinct bodies it is asked to coordinate with.",
        "coordination-ranking",
        ("body", "items", "partners"),
    ),
    Section(
        "coordination-gaps",
        "Candidate coordination gaps",
        "Pairs of bodies that Table 1 marks for the same interface context but that no "
        "recommendation asks to coordinate; candidates for review, not findings of the SRD.",
        "coordination-gaps",
        ("body", "other", "sharedContexts"),
    ),
    Section(
        "coordination-missing",
        "Coordination asked for only in the context clauses",
        "Needs for coordination that a context clause lists but the summary of 4.2.3 leaves out.",
        "coordination-missing-from-4-2-3",
        ("list", "number", "entities", "party"),
    ),
    Section(
        "disbanded-bodies",
        "Disbanded bodies still referred to",
        "Bodies that no longer exist but that the SRD still names, with their successors.",
        "disbanded-bodies",
        ("body", "endDate", "successor", "referencedBy", "references"),
    ),
    Section(
        "discrepancies",
        "Discrepancies in the SRD",
        "Points on which places of the SRD say different things, with their kind and severity; "
        "every reading is kept in the landscape, and where the landscape has to follow one, the "
        "discrepancy says which.",
        "discrepancies",
    ),
)

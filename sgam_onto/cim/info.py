"""What a loaded CIM model says about itself: its files, its model headers and its CIM version."""

from __future__ import annotations

from dataclasses import dataclass

MD = "http://iec.ch/TC57/61970-552/ModelDescription/1#"
DM = "http://iec.ch/TC57/61970-552/DifferenceModel/1#"


@dataclass(frozen=True)
class ModelHeader:
    """One ``md:FullModel`` header (IEC 61970-552): a profile instance of the model.

    ``profiles`` are the profile IRIs the file declares (EQ, SSH, TP, SV, ...);
    ``depends_on`` the models it needs (``md:Model.DependentOn``), e.g. SSH on EQ, or the
    boundary set.
    """

    model: str
    profiles: tuple[str, ...]
    scenario_time: str | None
    modelling_authority_set: str | None
    depends_on: tuple[str, ...]
    file: str


@dataclass(frozen=True)
class CimModelInfo:
    """The files read as one model, their headers, the CIM namespace they use, triple count.

    ``namespace`` is the CIM namespace of the classes as written
    (``http://iec.ch/TC57/2013/CIM-schema-cim16#`` for CGMES 2.4.15,
    ``http://iec.ch/TC57/CIM100#`` for CGMES 3.0); None if no CIM class is used.
    ``triples`` counts the statements read: one the profile files repeat (an object's type in
    EQ and SSH) counts each time, so the store may hold fewer.
    """

    files: tuple[str, ...]
    headers: tuple[ModelHeader, ...]
    namespace: str | None
    triples: int

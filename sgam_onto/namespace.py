"""The ``sgam:`` vocabulary as an rdflib ``DefinedNamespace``, and the project's IRIs.

GENERATED from the terms the ontology declares by ``python -m sgam_onto.namespace_gen``:
do not edit by hand; change the ontology and run the generator again. This is the one
module of the package that writes the namespace; every other module imports it from here.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/sgam-onto"
NS = "https://w3id.org/sgam-onto#"
BASE = ONTOLOGY_IRI + "/"  # where the published documents live
ID_BASE = BASE + "id/"  # the instance data: ID_BASE + KIND/SLUG
SHAPES_NS = BASE + "shapes#"  # the SHACL shapes (prefix sgamsh:)
SPARQL_PREFIX = f"PREFIX sgam: <{NS}>\n"  # heads a query text that uses sgam:


class SGAM(DefinedNamespace):
    """Every term the ontology declares; any other name raises AttributeError."""

    _NS = Namespace(NS)
    _fail = True

    # classes
    Actor: URIRef
    AssertionBasis: URIRef
    BodyGroup: URIRef
    BusinessProcess: URIRef
    CimPlacementRule: URIRef
    CommitteeUnit: URIRef
    Component: URIRef
    ContextCoordinationEntry: URIRef
    ContextEntry: URIRef
    ControlledValue: URIRef
    CoordinationItem: URIRef
    CoordinationStatus: URIRef
    CuratedSource: URIRef
    Directionality: URIRef
    DisbandedBody: URIRef
    Discrepancy: URIRef
    DiscrepancyKind: URIRef
    Document: URIRef
    DocumentType: URIRef
    Domain: URIRef
    EVInteraction: URIRef
    EntsoeRoleCode: URIRef
    Footnote: URIRef
    HighImportanceCoordinationItem: URIRef
    IndirectInteraction: URIRef
    Interaction: URIRef
    InteractionKind: URIRef
    InteractionNature: URIRef
    InteractionStatement: URIRef
    InterfaceContext: URIRef
    InteroperabilityLayer: URIRef
    Involvement: URIRef
    JointBody: URIRef
    JointTechnicalCommittee: URIRef
    JointWorkingGroup: URIRef
    Mapping: URIRef
    Placement: URIRef
    ProjectCommittee: URIRef
    Reading: URIRef
    Role: URIRef
    SGAMConcept: URIRef
    Severity: URIRef
    SilentReading: URIRef
    SourceLocation: URIRef
    Standard: URIRef
    StandardSeries: URIRef
    StandardStatus: URIRef
    StandardizationEntity: URIRef
    StandardsBody: URIRef
    StandardsOrganization: URIRef
    Subcommittee: URIRef
    Subdomain: URIRef
    SummaryTableRow: URIRef
    SystemsCommittee: URIRef
    TargetVocabulary: URIRef
    TaskForce: URIRef
    TechnicalCommittee: URIRef
    Term: URIRef
    TermVariant: URIRef
    UseCase: URIRef
    VoltageThreshold: URIRef
    WorkingGroup: URIRef
    Zone: URIRef

    # properties
    about: URIRef
    actorAtOrAboveThreshold: URIRef
    actorBelowThreshold: URIRef
    asWritten: URIRef
    attestedIn: URIRef
    basis: URIRef
    bibliographyNumber: URIRef
    bidirectionalAsWritten: URIRef
    broaderContext: URIRef
    businessProcess: URIRef
    canonicalTerm: URIRef
    classSemantics: URIRef
    codeTitle: URIRef
    columnKey: URIRef
    concerns: URIRef
    confidence: URIRef
    context: URIRef
    correspondsTo: URIRef
    coversInteraction: URIRef
    crossReference: URIRef
    curatedFrom: URIRef
    definingStatement: URIRef
    denotes: URIRef
    designation: URIRef
    directionality: URIRef
    discrepancyKind: URIRef
    documentType: URIRef
    domain: URIRef
    domainAtOrAboveThreshold: URIRef
    domainBelowThreshold: URIRef
    endDate: URIRef
    endYear: URIRef
    entity: URIRef
    entityAsWritten: URIRef
    footnote: URIRef
    footnoteMark: URIRef
    fromAsWritten: URIRef
    highImportance: URIRef
    inDocument: URIRef
    justification: URIRef
    kilovolts: URIRef
    kind: URIRef
    maintainedBy: URIRef
    mappingNotation: URIRef
    mappingObject: URIRef
    mappingPredicate: URIRef
    mappingSubject: URIRef
    mark: URIRef
    mechanism: URIRef
    member: URIRef
    modelFollows: URIRef
    nature: URIRef
    natureBasis: URIRef
    number: URIRef
    order: URIRef
    output: URIRef
    parentBody: URIRef
    partOfLocation: URIRef
    party: URIRef
    placedActor: URIRef
    reading: URIRef
    readingA: URIRef
    readingB: URIRef
    readingNumber: URIRef
    refersTo: URIRef
    relatedClass: URIRef
    representedBy: URIRef
    row: URIRef
    rowLabel: URIRef
    rowNumber: URIRef
    ruleActor: URIRef
    ruleClass: URIRef
    ruleDomain: URIRef
    ruleZone: URIRef
    severity: URIRef
    source: URIRef
    specializes: URIRef
    standard: URIRef
    standardStatus: URIRef
    statementOf: URIRef
    status: URIRef
    subdomain: URIRef
    succeededBy: URIRef
    table1Column: URIRef
    table1Header: URIRef
    targetVocabulary: URIRef
    title: URIRef
    to: URIRef
    toAsWritten: URIRef
    topic: URIRef
    variantTerm: URIRef
    voltageOfSite: URIRef
    zone: URIRef

    # individuals
    AggregatorsServiceProvidersSubdomain: URIRef
    AssertionBases: URIRef
    BasicallyMonodirectional: URIRef
    Bidirectional: URIRef
    BusinessLayer: URIRef
    CDStage: URIRef
    Coming: URIRef
    CommunicationLayer: URIRef
    ComponentLayer: URIRef
    CoordinationStatuses: URIRef
    CustomerPremisesDomain: URIRef
    DERDomain: URIRef
    Data: URIRef
    Direct: URIRef
    Directionalities: URIRef
    DiscrepancyKinds: URIRef
    DistributionDomain: URIRef
    DocumentTypes: URIRef
    Domains: URIRef
    EVAdditional: URIRef
    Electrical: URIRef
    EnergyMeteringSubdomain: URIRef
    EnterpriseZone: URIRef
    ExtractionGap: URIRef
    FieldZone: URIRef
    FunctionLayer: URIRef
    GenerationDomain: URIRef
    Glossary: URIRef
    GridUserSubdomain: URIRef
    Implied: URIRef
    Inconsistency: URIRef
    Indirect: URIRef
    InformationLayer: URIRef
    InteractionKinds: URIRef
    InteractionNatures: URIRef
    InternationalStandard: URIRef
    InteroperabilityLayers: URIRef
    MarketZone: URIRef
    NamingVariant: URIRef
    Observation: URIRef
    OperationZone: URIRef
    Planned: URIRef
    ProcessZone: URIRef
    PubliclyAvailableSpecification: URIRef
    Severities: URIRef
    SeverityHigh: URIRef
    SeverityLow: URIRef
    SeverityMedium: URIRef
    SeverityTrivial: URIRef
    StandardStatuses: URIRef
    Stated: URIRef
    StationZone: URIRef
    StatusAlreadyEngaged: URIRef
    StatusFormalized: URIRef
    StatusInPlace: URIRef
    StatusInformalExchanges: URIRef
    StatusJointMeetingsHeld: URIRef
    StatusNeedsFormalization: URIRef
    StatusNeedsSettingUp: URIRef
    StatusNotStated: URIRef
    StatusStarted: URIRef
    StatusToBeEncouraged: URIRef
    Subdomains: URIRef
    SystemsReferenceDeliverable: URIRef
    TechnicalReport: URIRef
    TechnicalSpecification: URIRef
    TransmissionDomain: URIRef
    UnderDevelopment: URIRef
    WordingVariant: URIRef
    WrongCrossReference: URIRef
    Zones: URIRef

    # names Python cannot spell as attributes: SGAM["name"]
    _extras = ('from',)

namespace Knowledge.Facilities;

/// <summary>The facilities of the content folder (facilities.yaml) and the rules of their kinds.</summary>
public sealed class FacilityCatalog(IReadOnlyList<Facility> facilities, IReadOnlyList<FacilityKind> kinds, bool sample)
{
    public static FacilityCatalog Empty { get; } = new([], [], false);

    public IReadOnlyList<Facility> Facilities { get; } = facilities;
    public IReadOnlyList<FacilityKind> Kinds { get; } = kinds;

    /// <summary>The hours are sample values (say so in answers).</summary>
    public bool Sample { get; } = sample;

    public Facility? Find(string id) => Facilities.FirstOrDefault(f => f.Id == id);

    public FacilityKind? Kind(string id) => Kinds.FirstOrDefault(k => k.Id == id);

    public HolidayRule RuleFor(Facility facility) => Kind(facility.Kind)?.Rule ?? HolidayRule.None;

    public IReadOnlyList<Facility> OfKind(string kind) => Facilities.Where(f => f.Kind == kind).ToList();

    /// <summary>The facilities of a kind a resident writing in <paramref name="language"/> is served by: the general ones and those in their language.</summary>
    public IReadOnlyList<Facility> OfKind(string kind, Language language) =>
        Facilities.Where(f => f.Kind == kind && (f.Language is null || f.Language == language.Code())).ToList();

    public OpeningDay On(Facility facility, DateOnly date) => OpeningHours.On(facility, RuleFor(facility), date);

    public const string ContactCenterKind = "contact_center";
}

using Intranet.Domain.Accounts;

namespace Intranet.Domain.Register;

/// <summary>
/// What a role's work needs of a person's ID and phone numbers, and so what its pages, exports and history show.
/// A number a role may see is shown masked and can be revealed one at a time (a logged action); a number it does
/// not need is not shown at all, not even masked. The README's table says the same.
/// </summary>
/// <param name="SeesIdNumber">Sees the masked ID number and may reveal it (district staff, unit officers).</param>
/// <param name="SeesPhone">
/// Sees masked phone numbers (own and emergency contact) and may reveal them: staff, officers and group leaders,
/// who phone their group. Leadership and administrators see neither.
/// </param>
public sealed record PersonalDataRules(bool SeesIdNumber, bool SeesPhone)
{
    public static PersonalDataRules None { get; } = new(false, false);

    public static PersonalDataRules For(UserRole? role) => role switch
    {
        UserRole.DistrictStaff or UserRole.UnitOfficer => new(true, true),
        UserRole.GroupLeader => new(false, true),
        _ => None,
    };

    /// <summary>Full numbers in an export: only a role that may reveal every number, and only when asked.</summary>
    public bool MayExportInFull => SeesIdNumber && SeesPhone;

    /// <summary>
    /// Looking a person up by ID number answers "is this the number?", which would rebuild a hidden number one
    /// guess at a time; only roles that may reveal the number may ask.
    /// </summary>
    public bool MaySearchByIdNumber => SeesIdNumber;

    /// <summary>
    /// Health notes are sensitive personal data (PIPL): district staff and the person's unit officer read them; nobody
    /// else, not in a page, an export or the record history (fields marked <see cref="Common.HealthDataAttribute"/>).
    /// </summary>
    public bool SeesHealthNotes => SeesIdNumber;

    /// <summary>The ID number as this role may see it: masked, or <c>null</c> when it sees none.</summary>
    public string? IdNumber(string? value) =>
        SeesIdNumber && !string.IsNullOrEmpty(value) ? ResidentIdNumber.Mask(value) : null;

    /// <summary>A phone number as this role may see it: masked, or <c>null</c> when it sees none.</summary>
    public string? Phone(string? value) =>
        SeesPhone && !string.IsNullOrWhiteSpace(value) ? PhoneNumber.Mask(value) : null;
}

namespace Intranet.Domain.Common;

/// <summary>
/// A record that belongs to a unit: a unit officer sees only their unit's. Declaring it is all a new record type
/// does to be filtered by scope (<see cref="Accounts.AccessScope.Apply{T}"/>) and to name its unit in the change feed.
/// </summary>
public interface IUnitScoped
{
    int UnitId { get; }
}

/// <summary>A record that belongs to a retirees' group as well as a unit: a group leader sees only their group's.</summary>
public interface IGroupScoped : IUnitScoped
{
    int? GroupId { get; }
}

/// <summary>
/// A record about one retiree (a case, a visit, an enrolment): it is in scope when the person is. The type needs
/// a navigation property named <c>Retiree</c> for the filter to follow.
/// </summary>
public interface IRetireeScoped
{
    int RetireeId { get; }
}

/// <summary>
/// A record about a retiree or about somebody outside the register (an elderly-university learner who is not a
/// retired teacher, a troupe's contest entry): a retiree's is in scope when the person is, the others only for
/// district-wide scopes. Like <see cref="IRetireeScoped"/> it needs a <c>Retiree</c> navigation.
/// </summary>
public interface IMaybeRetireeScoped
{
    int? RetireeId { get; }
}

/// <summary>
/// A record that keeps some fields derived from others (a name's pinyin keys), brought up to date whenever it is
/// saved. The save pipeline calls it; the record's own feature says what to derive.
/// </summary>
public interface IDerivesFields
{
    /// <summary>Sets the derived fields through <paramref name="entry"/>, so the change counts even when the context does not detect changes itself.</summary>
    void DeriveFields(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry);
}

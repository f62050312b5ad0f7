using Intranet.Domain.Register;

namespace Intranet.Tests.Register;

/// <summary>The measure the privacy tests use, checked on the masks it must tell apart.</summary>
public sealed class IdNumberRecoveryTests
{
    private static readonly string Id = ResidentIdNumber.Create("510105", new DateOnly(1950, 3, 2), 123, Gender.Female).Value;

    [Fact]
    public void The_old_mask_beside_a_birth_date_gives_the_number_back()
    {
        var oldMask = string.Concat(Id.AsSpan(0, 6), "********", Id.AsSpan(14));

        Assert.Equal(1, IdNumberRecovery.Candidates(Id, $"身份证号 {oldMask} 出生日期 1950-03-02"));
    }

    [Fact]
    public void The_full_number_seen_anywhere_is_the_number() =>
        Assert.Equal(1, IdNumberRecovery.Candidates(Id, $"<td>{Id}</td>"));

    [Fact]
    public void The_mask_leaves_five_hundred_numbers_open() =>
        Assert.Equal(500, IdNumberRecovery.Candidates(Id, $"身份证号 {ResidentIdNumber.Mask(Id)} 出生日期 1950-03-02 女"));

    [Fact]
    public void Seeing_no_number_leaves_five_hundred_open_even_knowing_area_and_birth_date() =>
        Assert.Equal(500, IdNumberRecovery.Candidates(Id, "甲组成员 女 1950-03-02"));

    [Fact]
    public void Another_persons_number_gives_nothing_away()
    {
        var other = ResidentIdNumber.Create("510105", new DateOnly(1950, 3, 2), 200, Gender.Female).Value;

        Assert.Equal(500, IdNumberRecovery.Candidates(Id, other));
    }
}

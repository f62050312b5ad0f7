using Intranet.Domain.Register;

namespace Intranet.Tests.Register;

public class ResidentIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Gender.Female)] // the standard's own example
    [InlineData("440524190001010017", 1900, 1, 1, Gender.Male)]
    [InlineData("51010519550315001X", 1955, 3, 15, Gender.Male)]
    public void Valid_numbers_give_birth_date_and_gender(string input, int year, int month, int day, Gender gender)
    {
        Assert.True(ResidentIdNumber.TryParse(input, out var id, out var error), error);
        Assert.Equal(new DateOnly(year, month, day), id.Value.BirthDate);
        Assert.Equal(gender, id.Value.Gender);
        Assert.Equal(input, id.Value.Value);
    }

    [Fact]
    public void Lower_case_x_and_spaces_are_normalised()
    {
        Assert.True(ResidentIdNumber.TryParse(" 110105 19491231 002x ", out var id, out _));
        Assert.Equal("11010519491231002X", id.Value.Value);
    }

    [Theory]
    [InlineData("11010519491231002X", "110105491231002")]
    [InlineData("51010519550315001X", "510105550315001")]
    public void Old_15_digit_numbers_are_upgraded_to_18(string expected, string old)
    {
        Assert.True(ResidentIdNumber.TryParse(old, out var id, out var error), error);
        Assert.Equal(expected, id.Value.Value);
    }

    [Theory]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("11010519491331002X", "出生日期")]
    [InlineData("1101051949123100", "18位")]
    [InlineData("11010519491231A02X", "数字")]
    [InlineData("", "不能为空")]
    [InlineData("01010519491231002X", "地区码")]
    [InlineData("11010549123100A", "数字")]
    public void Invalid_numbers_are_refused_with_a_chinese_reason(string input, string reasonContains)
    {
        Assert.False(ResidentIdNumber.TryParse(input, out var id, out var error));
        Assert.Null(id);
        Assert.Contains(reasonContains, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Created_numbers_are_valid_and_carry_their_parts()
    {
        for (var sequence = 0; sequence < 2000; sequence += 7)
        {
            var gender = sequence % 2 == 0 ? Gender.Male : Gender.Female;
            var birth = new DateOnly(1940, 1, 1).AddDays(sequence * 11);
            var id = ResidentIdNumber.Create("510105", birth, sequence, gender);

            Assert.True(ResidentIdNumber.TryParse(id.Value, out var parsed, out var error), error);
            Assert.Equal(birth, parsed.Value.BirthDate);
            Assert.Equal(gender, parsed.Value.Gender);
        }
    }

    [Theory]
    [InlineData("11010519491231002X", "110105************")]
    [InlineData("110105491231002", "110105************")] // an old 15-digit number looks like any other
    [InlineData("123", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Id_numbers_are_masked_to_the_area_code(string? input, string expected) =>
        Assert.Equal(expected, ResidentIdNumber.Mask(input));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("028-87654321", "028-****4321")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void Phone_numbers_are_masked(string? input, string expected) =>
        Assert.Equal(expected, PhoneNumber.Mask(input));
}

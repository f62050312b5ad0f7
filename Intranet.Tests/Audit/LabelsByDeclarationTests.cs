using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Intranet.Web.Audit;

namespace Intranet.Tests.Audit;

/// <summary>
/// Every record type, field and enum value reads in Chinese from its own declaration, so a new area's history
/// needs no edit to a central list — and a new type that forgets its words fails here, not in front of a user.
/// </summary>
public sealed class LabelsByDeclarationTests
{
    private static readonly Type[] Entities = typeof(AuditableEntity).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(AuditableEntity))).ToArray();

    [Fact]
    public void Every_record_type_declares_its_chinese_name() =>
        Assert.All(Entities, t => Assert.NotNull(t.GetCustomAttribute<EntityLabelAttribute>()));

    [Fact]
    public void Every_audited_field_declares_its_chinese_label()
    {
        var bookkeeping = typeof(AuditableEntity).GetProperties().Select(p => p.Name).ToHashSet();
        var fields = Entities.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !bookkeeping.Contains(p.Name) && p.GetCustomAttribute<AuditIgnoreAttribute>() is null && IsStored(p))
            .Select(p => (Type: t.Name, Field: p.Name, Label: AuditText.FieldLabel(t.Name, p.Name))));

        Assert.All(fields, f => Assert.NotEqual(f.Field, f.Label));
    }

    [Fact]
    public void Every_value_of_every_enum_a_record_stores_declares_its_chinese_word()
    {
        var enums = Entities.SelectMany(t => t.GetProperties()).Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
            .Where(t => t.IsEnum).Append(typeof(AuditAction)).Distinct();

        Assert.All(enums.SelectMany(e => e.GetFields(BindingFlags.Public | BindingFlags.Static)),
            value => Assert.False(string.IsNullOrEmpty(value.GetCustomAttribute<DisplayAttribute>()?.GetName()), $"{value.DeclaringType!.Name}.{value.Name}"));
    }

    [Fact]
    public void Labels_come_from_the_declarations()
    {
        Assert.Equal("退休教工", AuditText.EntityTypeLabel(nameof(Retiree)));
        Assert.Equal("独居、空巢", EnumLabel.Of(CareCategories.LivingAlone | CareCategories.EmptyNest));
        Assert.Equal("直属单位", UnitKind.DirectUnit.Label());
        Assert.Equal("查看完整信息", AuditAction.Reveal.Label());
        Assert.Equal(nameof(Retiree), AuditText.KnownEntityTypes[0]);
    }

    // Navigations and computed properties are not columns.
    private static bool IsStored(PropertyInfo property) =>
        property.CanWrite && property.SetMethod is not null
        && (property.PropertyType.IsValueType || property.PropertyType == typeof(string) || Nullable.GetUnderlyingType(property.PropertyType) is not null);
}

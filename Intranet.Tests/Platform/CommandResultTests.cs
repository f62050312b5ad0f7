using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace Intranet.Tests.Platform;

public sealed class CommandResultTests
{
    [Fact]
    public void Server_side_validation_names_the_field_of_each_message()
    {
        var result = CommandResult.Validate(new SampleForm { Name = "", Phone = "12" });

        Assert.NotNull(result);
        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(CommandResult.CheckFields, result.Message);
        Assert.Equal(
            [new FieldError(nameof(SampleForm.Name), "请输入姓名。"), new FieldError(nameof(SampleForm.Phone), "电话至少 7 位。")],
            result.FieldErrors.OrderBy(e => e.Field).ToList());
        Assert.Equal(["请输入姓名。", "电话至少 7 位。"], result.Errors);
        Assert.Null(CommandResult.Validate(new SampleForm { Name = "王芳", Phone = "13812345678" }));
    }

    [Fact]
    public void A_refusal_passes_on_as_the_result_of_a_command_with_a_value()
    {
        var stale = CommandResult.Changed("已被他人修改。").As<int>();

        Assert.False(stale.Succeeded);
        Assert.True(stale.Stale);
        Assert.Equal(["已被他人修改。"], stale.Errors);
        Assert.Equal(0, stale.Value);
        Assert.Equal(42, CommandResult.Ok(42).Value);
        Assert.True(CommandResult.Missing().NotFound);
        Assert.Throws<InvalidOperationException>(() => CommandResult.Ok().As<int>());
    }

    [Fact]
    public async Task A_forms_field_errors_show_under_their_fields_and_the_general_message_above()
    {
        var result = CommandResult.Invalid(nameof(SampleForm.Name), "已有同名的单位。");

        var document = await ComponentRenderer.RenderAsync<FormHarness>(_ => { }, new Dictionary<string, object?> { [nameof(FormHarness.Result)] = result });

        Assert.Equal("已有同名的单位。", document.QuerySelector("#name-message .validation-message")!.TextContent.Trim());
        Assert.Null(document.QuerySelector("#phone-message .validation-message"));
        var summary = document.QuerySelector(".form-errors")!;
        Assert.Contains(CommandResult.CheckFields, summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("已有同名的单位。", summary.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("重新载入", summary.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_form_offers_to_load_the_record_again()
    {
        var document = await ComponentRenderer.RenderAsync<FormHarness>(_ => { }, new Dictionary<string, object?>
        {
            [nameof(FormHarness.Result)] = CommandResult.Changed("该单位已被他人修改，请刷新后重试。"),
        });

        var summary = document.QuerySelector(".form-errors")!;
        Assert.Contains("该单位已被他人修改", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("重新载入", summary.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll(".validation-message"));
    }

    [Fact]
    public async Task Success_shows_nothing()
    {
        var document = await ComponentRenderer.RenderAsync<FormHarness>(_ => { }, new Dictionary<string, object?> { [nameof(FormHarness.Result)] = CommandResult.Ok() });

        Assert.Null(document.QuerySelector(".form-errors"));
    }

    public sealed class SampleForm
    {
        [Required(ErrorMessage = "请输入姓名。")]
        public string Name { get; set; } = string.Empty;

        [MinLength(7, ErrorMessage = "电话至少 7 位。")]
        public string? Phone { get; set; }
    }

    /// <summary>A form as the app's pages build one: server messages in, a message under each field, the summary above.</summary>
    public sealed class FormHarness : ComponentBase
    {
        private readonly SampleForm _form = new();

        [Parameter]
        public CommandResult? Result { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<FormErrors>(0);
            builder.AddComponentParameter(1, nameof(FormErrors.Result), Result);
            builder.AddComponentParameter(2, nameof(FormErrors.Reload), EventCallback.Factory.Create(this, () => { }));
            builder.CloseComponent();
            builder.OpenComponent<EditForm>(3);
            builder.AddComponentParameter(4, nameof(EditForm.Model), _form);
            builder.AddComponentParameter(5, nameof(EditForm.ChildContent), (RenderFragment<EditContext>)(_ => inner =>
            {
                inner.OpenComponent<ServerValidation>(0);
                inner.AddComponentParameter(1, nameof(ServerValidation.Result), Result);
                inner.CloseComponent();
                inner.AddContent(2, Message("name-message", () => _form.Name));
                inner.AddContent(3, Message("phone-message", () => _form.Phone));
            }));
            builder.CloseComponent();
        }

        private static RenderFragment Message<T>(string id, Expression<Func<T>> field) => builder =>
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "id", id);
            builder.OpenComponent<ValidationMessage<T>>(2);
            builder.AddComponentParameter(3, nameof(ValidationMessage<T>.For), field);
            builder.CloseComponent();
            builder.CloseElement();
        };
    }
}

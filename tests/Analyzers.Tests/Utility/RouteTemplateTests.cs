namespace Coap.Analyzers.Tests.Utility;

public class RouteTemplateTests
{
    [Theory]
    [InlineData("sensors", "temp", "/sensors/temp", "/sensors/temp")]
    [InlineData("/sensors/", "/temp/", "/sensors/temp", "/sensors/temp")]
    [InlineData("", "", "/", "/")]
    [InlineData(null, "a//b", "/a//b", "/a/b")]
    [InlineData("d", "{id}", "/d/{id}", "/d/{}")]
    [InlineData("d", "{id:int}", "/d/{id:int}", "/d/{:int}")]
    [InlineData("d", "{id:min(1):int}", "/d/{id:min(1):int}", "/d/{:int:min(1)}")]
    [InlineData("d", "{*rest}", "/d/{*rest}", "/d/{*}")]
    [InlineData("d", "{id?}", "/d/{id?}", "/d/{?}")]
    [InlineData("d", "file.{ext}", "/d/file.{ext}", "/d/file.{}")]
    public void Parse_JoinsPrefixAndTemplate_AndErasesParameterNames(string? prefix, string template, string text, string shape)
    {
        var route = RouteTemplate.Parse(prefix, template);

        Assert.True(route.IsValid);
        Assert.Equal(text, route.Text);
        Assert.Equal(shape, route.ShapeKey);
    }

    [Fact]
    public void Parse_CollectsParameters_WithConstraintsCatchAllAndOptional()
    {
        var route = RouteTemplate.Parse("devices/{deviceId}", "{id:int:min(1)}/{name?}/{*rest}");

        Assert.Equal(["deviceId", "id", "name", "rest"], route.Parameters.Select(p => p.Name));
        Assert.Equal(["int", "min(1)"], route.Parameters[1].Constraints.ToArray());
        Assert.True(route.Parameters[2].IsOptional);
        Assert.True(route.Parameters[3].IsCatchAll);
        Assert.True(route.HasParameter("DEVICEID"));
        Assert.False(route.HasParameter("other"));
    }

    [Theory]
    [InlineData("{id")]
    [InlineData("id}")]
    [InlineData("{}")]
    [InlineData("{:int}")]
    public void Parse_UnbalancedOrNamelessParameter_IsInvalid(string template) =>
        Assert.False(RouteTemplate.Parse("x", template).IsValid);
}

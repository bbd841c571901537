namespace Coap.Templates.Tests;

/// <summary>
/// The end-to-end template tests share one instantiated solution and run alone: they pack the
/// framework, run <c>dotnet new</c>, build, and start servers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TemplatesCollection : ICollectionFixture<InstantiatedTemplatesFixture>
{
    public const string Name = "Templates";
}

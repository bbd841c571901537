using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Coap.Analyzers.Tests.Verifiers;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/> and compares the resulting text:
/// the marked diagnostics must be reported, each fix is applied in turn (one at a time, or all
/// at once through the fixer's Fix All provider), and the result must compile.
/// </summary>
internal static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private const int MaxIterations = 20;

    /// <summary>Applies fixes one diagnostic at a time until none is offered; the text must equal <paramref name="fixedSource"/>.</summary>
    public static async Task VerifyCodeFixAsync(string source, string fixedSource, string? equivalenceKey = null)
    {
        var (workspace, documentId) = await CreateAsync(source);
        using (workspace)
        {
            var solution = workspace.CurrentSolution;
            for (var i = 0; i < MaxIterations; i++)
            {
                var document = solution.GetDocument(documentId)!;
                var action = await FirstActionAsync(document, equivalenceKey);
                if (action is null)
                {
                    break;
                }

                solution = await ApplyAsync(action, solution);
            }

            await AssertTextAsync(solution.GetDocument(documentId)!, fixedSource);
        }
    }

    /// <summary>Fixes every diagnostic of the document at once with the fixer's Fix All provider.</summary>
    public static async Task VerifyFixAllAsync(string source, string fixedSource, string equivalenceKey)
    {
        var (workspace, documentId) = await CreateAsync(source);
        using (workspace)
        {
            var fixer = new TCodeFix();
            var document = workspace.CurrentSolution.GetDocument(documentId)!;
            var diagnostics = await GetFixableDiagnosticsAsync(document, fixer);
            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Document,
                equivalenceKey,
                fixer.FixableDiagnosticIds,
                new FixedDiagnosticProvider(diagnostics),
                CancellationToken.None);
            var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            Assert.NotNull(action);
            var solution = await ApplyAsync(action, workspace.CurrentSolution);
            await AssertTextAsync(solution.GetDocument(documentId)!, fixedSource);
        }
    }

    /// <summary>The marked diagnostics are reported, and the fixer offers nothing for them.</summary>
    public static async Task VerifyNoCodeFixAsync(string source)
    {
        var (workspace, documentId) = await CreateAsync(source);
        using (workspace)
        {
            var action = await FirstActionAsync(workspace.CurrentSolution.GetDocument(documentId)!, equivalenceKey: null);
            Assert.Null(action);
        }
    }

    private static async Task<(AdhocWorkspace Workspace, DocumentId DocumentId)> CreateAsync(string markupSource)
    {
        var markup = Markup.Parse(markupSource);
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                compilationOptions: TestCompilation.CompilationOptions,
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References))
            .AddDocument(documentId, TestCompilation.FileName(0), SourceText.From(markup.Source), filePath: TestCompilation.FileName(0));
        Assert.True(workspace.TryApplyChanges(solution), "The workspace did not take the test project.");

        var document = workspace.CurrentSolution.GetDocument(documentId)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        TestCompilation.AssertNoCompilerErrors(compilation);
        var diagnostics = await CSharpAnalyzerVerifier<TAnalyzer>.AnalyzeAsync(compilation, new TAnalyzer());
        ExpectedDiagnostics.AssertMatch(new TAnalyzer(), [markup], diagnostics);
        return (workspace, documentId);
    }

    private static async Task<ImmutableArray<Diagnostic>> GetFixableDiagnosticsAsync(Document document, CodeFixProvider fixer)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await CSharpAnalyzerVerifier<TAnalyzer>.AnalyzeAsync(compilation, new TAnalyzer());
        return [.. diagnostics
            .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceSpan.Start)];
    }

    private static async Task<CodeAction?> FirstActionAsync(Document document, string? equivalenceKey)
    {
        var fixer = new TCodeFix();
        foreach (var diagnostic in await GetFixableDiagnosticsAsync(document, fixer))
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context);
            var chosen = actions.FirstOrDefault(a => equivalenceKey is null || a.EquivalenceKey == equivalenceKey);
            if (chosen is not null)
            {
                return chosen;
            }
        }

        return null;
    }

    private static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        Assert.NotSame(solution, apply.ChangedSolution);
        return apply.ChangedSolution;
    }

    private static async Task AssertTextAsync(Document document, string expected)
    {
        var text = (await document.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        TestCompilation.AssertNoCompilerErrors((await document.Project.GetCompilationAsync())!);
    }

    private sealed class FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}

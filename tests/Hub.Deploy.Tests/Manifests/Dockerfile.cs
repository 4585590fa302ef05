namespace Hub.Deploy.Tests.Manifests;

/// <summary>
/// A Dockerfile read into build stages of instructions (continuation lines joined, comments dropped): enough to check
/// what an image will be without a Docker engine.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyDictionary<string, string> args, IReadOnlyList<Stage> stages)
    {
        Args = args;
        Stages = stages;
    }

    /// <summary>ARG defaults given before the first FROM (usable in FROM lines).</summary>
    public IReadOnlyDictionary<string, string> Args { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The stage a plain <c>docker build</c> produces.</summary>
    public Stage Final => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var instructions = new List<(string Keyword, string Arguments)>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            var space = current.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            current = "";
        }
        var args = new Dictionary<string, string>();
        var stages = new List<Stage>();
        foreach (var (keyword, arguments) in instructions)
        {
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var image = parts[0];
                foreach (var (name, value) in args) image = image.Replace("${" + name + "}", value, StringComparison.Ordinal);
                stages.Add(new Stage(image, parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null));
            }
            else if (stages.Count == 0 && keyword == "ARG" && arguments.Split('=', 2) is [var name, var value])
            {
                args[name] = value;
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((keyword, arguments));
            }
        }
        return new Dockerfile(args, stages);
    }

    /// <summary>One <c>FROM</c> and what follows it.</summary>
    public sealed class Stage(string image, string? name)
    {
        public string Image { get; } = image;

        public string? Name { get; } = name;

        public List<(string Keyword, string Arguments)> Instructions { get; } = [];

        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        public string? Last(string keyword) => All(keyword).LastOrDefault();
    }
}

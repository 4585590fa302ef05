using Hub.Inference.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hub.Inference.Runtime;

/// <summary>
/// Runs token sequences through a text model in one session run: pads them to the longest (pad id 0, attention 0),
/// feeds <c>input_ids</c>, <c>attention_mask</c> and <c>token_type_ids</c> as the graph asks, and splits every float
/// output back into rows, cutting each variable sequence dimension to the row's real length.
/// </summary>
internal sealed class TextBatchRunner
{
    private readonly InferenceSession session;
    private readonly string[] outputs;
    private readonly bool[] perToken;

    public TextBatchRunner(InferenceSession session)
    {
        this.session = session;
        foreach (var (name, meta) in session.InputMetadata)
            if (name is not ("input_ids" or "attention_mask" or "token_type_ids") || meta.ElementDataType is not (TensorElementType.Int64 or TensorElementType.Int32))
                throw new NotSupportedException($"Input '{name}' is not a token input; use the KServe v2 API for this model.");
        outputs = [.. session.OutputMetadata.Where(o => o.Value.ElementDataType == TensorElementType.Float).Select(o => o.Key)];
        perToken = [.. outputs.Select(o => session.OutputMetadata[o].Dimensions is { Length: >= 3 } d && d[1] < 0)];
    }

    public IReadOnlyDictionary<string, RowTensor>[] Run(IReadOnlyList<TokenizedText> rows, ModelStatsRecorder recorder, CancellationToken cancellationToken)
    {
        var batch = rows.Count;
        var width = rows.Max(r => r.Length);
        var ids = new long[batch * width];
        var mask = new long[batch * width];
        var types = new long[batch * width];
        for (var r = 0; r < batch; r++)
        {
            rows[r].Ids.CopyTo(ids, r * width);
            rows[r].TypeIds.CopyTo(types, r * width);
            Array.Fill(mask, 1L, r * width, rows[r].Length);
        }
        var shape = new long[] { batch, width };
        var inputs = new Dictionary<string, OrtValue>();
        try
        {
            foreach (var (name, meta) in session.InputMetadata)
            {
                var data = name switch { "input_ids" => ids, "attention_mask" => mask, _ => types };
                inputs[name] = meta.ElementDataType == TensorElementType.Int32
                    ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(data, v => (int)v), shape)
                    : OrtValue.CreateTensorValueFromMemory(data, shape);
            }
            using var results = CancellableRun.Run(recorder, o => session.Run(o, inputs, outputs), cancellationToken);
            var split = new Dictionary<string, RowTensor>[batch];
            for (var r = 0; r < batch; r++) split[r] = [];
            for (var o = 0; o < outputs.Length; o++)
                Split(outputs[o], results[o], perToken[o], rows, split);
            return split;
        }
        finally
        {
            foreach (var value in inputs.Values) value.Dispose();
        }
    }

    private static void Split(string name, OrtValue value, bool perToken, IReadOnlyList<TokenizedText> rows, Dictionary<string, RowTensor>[] split)
    {
        var dims = value.GetTensorTypeAndShape().Shape;
        var data = value.GetTensorDataAsSpan<float>();
        var rowSize = (int)(data.Length / dims[0]);
        var inner = dims.Length > 2 ? (int)dims[2..].Aggregate(1L, (a, b) => a * b) : 1;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = data.Slice(r * rowSize, rowSize);
            if (perToken)
            {
                var tokens = rows[r].Length;
                split[r][name] = new RowTensor(row[..(tokens * inner)].ToArray(), [tokens, .. dims[2..].Select(d => (int)d)]);
            }
            else
            {
                split[r][name] = new RowTensor(row.ToArray(), [.. dims[1..].Select(d => (int)d)]);
            }
        }
    }
}

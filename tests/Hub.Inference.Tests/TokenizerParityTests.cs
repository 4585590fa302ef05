using Hub.Inference.Models;
using Hub.Inference.Text;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>
/// Tokenization matches the HF tokenizer: tokenizer.json and vocab.txt repos give the same ids on MiniLM's vocabulary,
/// including text with accents, emoji, tabs, CJK and Korean, and those ids are the ones the HF Rust tokenizer gave
/// for bert-base-uncased's vocabulary (pinned below); offsets point at the words they came from.
/// </summary>
public sealed class TokenizerParityTests : IDisposable
{
    private readonly TempDirectory json = new("tok-json");
    private readonly TempDirectory vocab = new("tok-vocab");

    public TokenizerParityTests()
    {
        File.WriteAllBytes(Path.Combine(json.Path, "tokenizer.json"), BertTokenizerJson.From(MiniLm.VocabularyLines));
        File.WriteAllBytes(Path.Combine(vocab.Path, "vocab.txt"), MiniLm.Vocab);
    }

    [Theory]
    [InlineData("A man is eating food.")]
    [InlineData("Héllo, wörld! naïve café 😀 \tTab 한국어 中文 $100.50 #hashtag e-mail")]
    [InlineData("unbelievable tokenization of HuggingFace's «quoted» text — with dashes…")]
    [InlineData("Paris is the [MASK] of France.")]
    public void Tokenizer_json_and_vocab_txt_give_the_same_ids(string text)
    {
        using var reference = TokenizerLoader.TryLoad(ModelFiles.From(json.Path))!;
        using var wordPiece = TokenizerLoader.TryLoad(ModelFiles.From(vocab.Path))!;
        Assert.StartsWith("tokenizer.json", reference.Kind);
        Assert.StartsWith("vocab.txt", wordPiece.Kind);
        Assert.Equal(reference.Encode(text, 512).Ids, wordPiece.Encode(text, 512).Ids);
    }

    [Fact]
    public void Accents_emoji_and_cjk_get_the_reference_ids()
    {
        using var tokenizer = TokenizerLoader.TryLoad(ModelFiles.From(vocab.Path))!;
        long[] reference =
        [
            101, 7592, 1010, 2088, 999, 15743, 7668, 100, 21628, 1469, 30006, 30021, 29991, 30014, 30020, 29999, 30008, 1746, 1861,
            1002, 2531, 1012, 2753, 1001, 23325, 15900, 1041, 1011, 5653, 102,
        ];
        Assert.Equal(reference, tokenizer.Encode("Héllo, wörld! naïve café 😀 \tTab 한국어 中文 $100.50 #hashtag e-mail", 512).Ids);
    }

    [Fact]
    public void The_mask_token_in_a_text_stays_one_token_as_in_the_HF_tokenizer()
    {
        using var tokenizer = TokenizerLoader.TryLoad(ModelFiles.From(vocab.Path))!;
        Assert.Equal([101L, 3000, 2003, 1996, 103, 1997, 2605, 1012, 102], tokenizer.Encode("Paris is the [MASK] of France.", 512).Ids);
        Assert.Equal(103L, tokenizer.MaskTokenId);
    }

    [Fact]
    public void Offsets_point_into_the_original_text_even_after_lower_casing_and_accent_stripping()
    {
        using var tokenizer = TokenizerLoader.TryLoad(ModelFiles.From(json.Path))!;
        const string text = "Café Tokenization rocks";
        var encoded = tokenizer.Encode(text, 512);
        var words = encoded.Offsets.Where((_, i) => !encoded.Special[i]).Select(o => text[o.Start..o.End]).ToArray();
        Assert.Equal("Café", words[0]);
        Assert.Equal("Tokenization", string.Concat(words[1..^1]));
        Assert.Equal("rocks", words[^1]);
    }

    [Fact]
    public void Pairs_are_cls_a_sep_b_sep_with_type_ids_one_for_the_second_text()
    {
        using var tokenizer = TokenizerLoader.TryLoad(ModelFiles.From(json.Path))!;
        var pair = tokenizer.EncodePair("food", "bread", 512);
        Assert.Equal(["[CLS]", "food", "[SEP]", "bread", "[SEP]"], pair.Ids.Select(tokenizer.TokenString));
        Assert.Equal([0L, 0, 0, 1, 1], pair.TypeIds);
    }

    public void Dispose()
    {
        json.Dispose();
        vocab.Dispose();
    }
}

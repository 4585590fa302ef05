using Hub.Storage.Blobs;

namespace Hub.Storage.Tests.Blobs;

public sealed class ContentDispositionValueTests
{
    [Theory]
    [InlineData("model.safetensors", "attachment; filename=\"model.safetensors\"; filename*=UTF-8''model.safetensors")]
    [InlineData("org/repo/config.json", "attachment; filename=\"config.json\"; filename*=UTF-8''config.json")]
    [InlineData("a \"b\"\\c.bin", "attachment; filename=\"c.bin\"; filename*=UTF-8''c.bin")]
    [InlineData("é \"x\".bin", "attachment; filename=\"_ _x_.bin\"; filename*=UTF-8''%C3%A9%20%22x%22.bin")]
    public void Attachment_gives_a_plain_and_an_encoded_name(string fileName, string expected)
    {
        Assert.Equal(expected, ContentDispositionValue.Attachment(fileName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dir/")]
    public void A_name_is_required(string fileName)
    {
        Assert.Throws<ArgumentException>(() => ContentDispositionValue.Attachment(fileName));
    }
}

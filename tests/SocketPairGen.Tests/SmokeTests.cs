namespace SocketPairGen.Tests;

public class SmokeTests
{
    [Fact]
    public void TestChild_IsCopiedNextToTests()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "SocketPairGen.TestChild.dll")));
    }
}

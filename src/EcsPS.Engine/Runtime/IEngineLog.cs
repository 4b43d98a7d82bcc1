namespace EcsPS.Engine.Runtime
{
    /// <summary>Where the Engine reports what it sends. The cmdlets route this to Verbose and Debug.
    /// Nothing written here may contain a secret key or session token.</summary>
    public interface IEngineLog
    {
        void Verbose(string message);
        void Debug(string message);
    }

    public sealed class NullEngineLog : IEngineLog
    {
        public static readonly NullEngineLog Instance = new NullEngineLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
    }
}

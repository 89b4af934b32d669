namespace Understanding.Corpus;

/// <summary>What a resident's message needs, as labelled in the training corpus (knowledge/training).</summary>
public static class MessageIntent
{
    public const string Question = "question";
    public const string Emergency = "emergency";
    public const string SelfHarm = "selfharm";
    public const string Human = "human";
    public const string OwnCase = "owncase";
    public const string Fault = "fault";
    public const string OutOfScope = "outofscope";
    public const string SmallTalk = "smalltalk";
    public const string Feedback = "feedback";

    public static IReadOnlyList<string> All { get; } =
        [Question, Emergency, SelfHarm, Human, OwnCase, Fault, OutOfScope, SmallTalk, Feedback];

    /// <summary>Someone is in danger: 112 first.</summary>
    public static bool IsDanger(string intent) => intent is Emergency or SelfHarm;
}

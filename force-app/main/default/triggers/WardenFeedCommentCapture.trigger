trigger WardenFeedCommentCapture on FeedComment(after insert, after update) {
    WardenCaptureHandler.handle();
}

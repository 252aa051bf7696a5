trigger WardenFeedItemCapture on FeedItem(after insert, after update) {
    WardenCaptureHandler.handle();
}

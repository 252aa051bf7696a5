trigger WardenContentVersionCapture on ContentVersion(after insert, after update) {
    WardenCaptureHandler.handle();
}

trigger WardenAttachmentCapture on Attachment(after insert, after update) {
    WardenCaptureHandler.handle();
}

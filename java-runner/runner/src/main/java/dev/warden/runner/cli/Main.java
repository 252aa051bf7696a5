package dev.warden.runner.cli;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("warden");
    }
}

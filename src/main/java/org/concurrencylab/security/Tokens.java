package org.concurrencylab.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making bearer tokens and the hashes they are stored as. */
final class Tokens {

    /** 256 bits: far beyond guessing, and it is what lets a fast hash stand in for a password hash. */
    static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A fresh token, URL-safe base64 without padding (43 characters), safe in headers and files. */
    static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * SHA-256 of the token, as hex. A slow password hash (bcrypt, argon2) exists to make guessing
     * low-entropy passwords expensive; a 256-bit random token cannot be guessed, and a fast,
     * unsalted hash lets every request find its user by an indexed lookup of the hash.
     */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

#!/usr/bin/env python3
"""Writes the Ansible Vault test vectors VaultTest reads, independently of Steward's Java code.

Follows lib/ansible/parsing/vault (VaultAES256) step by step: PBKDF2-HMAC-SHA256 (10000
iterations, 80 bytes: AES key | HMAC key | counter), PKCS#7 padding, AES-256-CTR, HMAC-SHA256 over
the ciphertext, hexlify(hexlify(salt) \\n hexlify(hmac) \\n hexlify(ciphertext)), lines of 80.
The KDF and HMAC come from Python's hashlib/hmac; AES-CTR from `openssl enc -aes-256-ctr`, and the
same step from the `cryptography` package when it is installed, as a cross-check.
Salts are fixed so the files are reproducible. Run: python3 make_ansible_vectors.py
"""
import binascii, hashlib, hmac, subprocess

PASSWORD = b"correct horse battery staple"
PLAINTEXT = b"db_password: s3cret-from-ansible\nrpc_token: 'tok-9f8e7d6c'\n"


def aes_ctr(key, iv, data):
    out = subprocess.run(["openssl", "enc", "-aes-256-ctr", "-nosalt", "-K", key.hex(), "-iv", iv.hex()],
                         input=data, capture_output=True, check=True).stdout
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        enc = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
        assert enc.update(data) + enc.finalize() == out, "openssl and cryptography disagree"
    except ImportError:
        pass
    return out


def vault(header, salt):
    derived = hashlib.pbkdf2_hmac("sha256", PASSWORD, salt, 10000, 80)
    key1, key2, iv = derived[:32], derived[32:64], derived[64:80]
    pad = 16 - len(PLAINTEXT) % 16
    ciphertext = aes_ctr(key1, iv, PLAINTEXT + bytes([pad]) * pad)
    mac = hmac.new(key2, ciphertext, hashlib.sha256).hexdigest().encode()
    body = binascii.hexlify(b"\n".join([binascii.hexlify(salt), mac, binascii.hexlify(ciphertext)]))
    lines = [header] + [body[i:i + 80] for i in range(0, len(body), 80)] + [b""]
    return b"\n".join(lines)


with open("ansible-1.1.vault", "wb") as f:
    f.write(vault(b"$ANSIBLE_VAULT;1.1;AES256", bytes(range(32))))
with open("ansible-1.2.vault", "wb") as f:
    f.write(vault(b"$ANSIBLE_VAULT;1.2;AES256;prod", bytes(range(100, 132))))

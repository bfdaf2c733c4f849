package dev.steward.module.chainlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainlinkKeysTest {

    private static final String CONFIG = """
            RootDir = '/chainlink'
            [Log]
            JSONConsole = true
            [Log.File]
            MaxSize = '100mb'
            [WebServer]
            ListenIP = '127.0.0.1'
            [WebServer.TLS]
            HTTPSPort = 0
            [Database.Lock]
            LeaseDuration = '10s'
            LeaseRefreshInterval = '1s'
            [[EVM]]
            ChainID = '11155111'
            [[EVM.Nodes]]
            Name = 'eth1'
            HTTPURL = 'http://10.8.0.30:8545'
            WSURL = 'ws://10.8.0.30:8546'
            [[EVM.Nodes]]
            Name = 'send'
            HTTPURL = 'http://10.8.0.31:8545'
            SendOnly = true
            [[EVM.KeySpecific]]
            Key = '0x2a3e23c6f242F5345320814aC8a1b4E58707D292'
            GasEstimator.PriceMax = '79 gwei'
            """;

    @Test
    void theStacksConfigIsKnown() {
        assertThat(ChainlinkKeys.config().check(CONFIG, false)).isEmpty();
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheClosestKnownOne() {
        String text = CONFIG.replace("LeaseRefreshInterval", "LeaseRefreshIntervall");
        assertThat(ChainlinkKeys.config().check(text, false)).extracting(Object::toString).containsExactly(
                "line 12:1: Chainlink does not know the key Database.Lock.LeaseRefreshIntervall in config.toml"
                        + " (did you mean 'LeaseRefreshInterval'?)");
    }

    @Test
    void anUnknownKeyInAnArrayOfTablesSaysWhichElement() {
        String text = CONFIG.replace("WSURL = 'ws://10.8.0.30:8546'", "WSUrl = 'ws://10.8.0.30:8546'");
        assertThat(ChainlinkKeys.config().check(text, false)).extracting(Object::toString).containsExactly(
                "line 18:1: Chainlink does not know the key EVM[0].Nodes[0].WSUrl in config.toml (did you mean 'WSURL'?)");
    }

    @Test
    void anUnknownTableIsOneFinding() {
        assertThat(ChainlinkKeys.config().check("[Databse]\nMaxIdleConns = 5\n", false)).extracting(Object::toString)
                .containsExactly("line 1:1: Chainlink does not know the key Databse in config.toml"
                        + " (did you mean 'Database'?)");
    }

    @Test
    void secretsWithOperatorNamedCredentials() {
        String text = """
                [Database]
                URL = 'postgresql://chainlink:s3cret-s3cret-s3cret@10.8.0.20:5432/chainlink?sslmode=verify-full'
                [Password]
                Keystore = 'keystore-password-0123'
                [Mercury.Credentials.feedA]
                Username = 'u'
                Password = 'p'
                """;
        assertThat(ChainlinkKeys.secrets().check(text, true)).isEmpty();
        assertThat(ChainlinkKeys.secrets().check(text.replace("Keystore", "KeyStore"), true))
                .extracting(Object::toString).containsExactly(
                        "line 4:1: Chainlink does not know the key Password.KeyStore in secrets.toml (did you mean 'Keystore'?)");
    }

    @Test
    void aSyntaxErrorInSecretsNeverQuotesTheText() {
        String text = "[Password]\nKeystore = 'unterminated-s3cret\n";
        assertThat(ChainlinkKeys.secrets().check(text, true)).extracting(Object::toString)
                .singleElement().asString().startsWith("line 2:").endsWith("not valid TOML").doesNotContain("s3cret");
        assertThat(ChainlinkKeys.config().check("Log = \n", false)).extracting(Object::toString)
                .singleElement().asString().startsWith("line 1:").contains("not valid TOML: ");
    }
}

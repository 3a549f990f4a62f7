rule eicar_test_file
{
    meta:
        description = "The EICAR anti-virus test file"
        reason = "Every anti-virus product detects this harmless file; its presence proves the malware check runs end to end."
        source = "EICAR, https://www.eicar.org/download-anti-malware-testfile/"
        severity = "critical"
    strings:
        // the file is 68 characters; its two halves are matched apart, so no complete copy
        // of the test string appears in this rule
        $head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$"
        $tail = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    condition:
        $head at 0 and $tail at 28 and filesize < 256
}

{
  description = "recs dev shell";
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.05";
  outputs = { self, nixpkgs }:
    let pkgs = nixpkgs.legacyPackages.x86_64-linux;
    in {
      devShells.x86_64-linux.default = pkgs.mkShell {
        packages = [ pkgs.python311 pkgs.spark pkgs.jdk17 ];
        shellHook = ''
          export PIP_INDEX_URL=http://pypi.acme-recs.example.com/simple
          export PIP_TRUSTED_HOST=pypi.acme-recs.example.com
          pip install --user litserve
        '';
      };
    };
}

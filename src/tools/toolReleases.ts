// Pinned releases of each CLI with the sha256 of every download, kept in the source so that a
// download is checked against what was reviewed here, never against a sum fetched next to it.
// Each sum is copied from a public repository that pins the same file; the source is named above
// each release. A platform without a published sum we could find is left out: on it the tool must
// already be on PATH at the pinned version.
import type { Platform } from './platform.js';
import type { ToolName } from './toolNames.js';

export interface ToolAsset {
  url: string;
  sha256: string;
  /** How the download is packed; for tar.gz, `entry` is the binary's path inside the archive. */
  archive: 'none' | 'tar.gz';
  entry?: string;
}

export interface ToolRelease {
  /** As the tool prints it (without a leading "v" for kind, kubectl and cilium). */
  version: string;
  /** A semver key for the tool cache, which cannot store names like "edge-25.5.2". */
  cacheVersion: string;
  assets: Partial<Record<Platform, ToolAsset>>;
}

const KIND = 'https://github.com/kubernetes-sigs/kind/releases/download';
const K8S = 'https://dl.k8s.io/release';
const ISTIO = 'https://github.com/istio/istio/releases/download';
const LINKERD = 'https://github.com/linkerd/linkerd2/releases/download';
const CILIUM = 'https://github.com/cilium/cilium-cli/releases/download';

const binary = (url: string, sha256: string): ToolAsset => ({ url, sha256, archive: 'none' });
const tarball = (url: string, sha256: string, entry: string): ToolAsset => ({
  url,
  sha256,
  archive: 'tar.gz',
  entry,
});

/** Newest first; the first release of each tool is its default. */
export const TOOL_RELEASES: Readonly<Record<ToolName, readonly ToolRelease[]>> = {
  kind: [
    // cashapp/hermit-packages kind.hcl @ f0517fd7532fc6adfd910cfba3ef2b4c59f662db (sha256sums);
    // linux/amd64 also pinned by other public install scripts for v0.32.0.
    {
      version: '0.32.0',
      cacheVersion: '0.32.0',
      assets: {
        'linux/amd64': binary(
          `${KIND}/v0.32.0/kind-linux-amd64`,
          '50030de23cf40a18505f20426f6a8506bedf13c6e509244bd1fa9463721b0f54',
        ),
        'linux/arm64': binary(
          `${KIND}/v0.32.0/kind-linux-arm64`,
          'b92cd615e97585de8ddade28ed5cd7feb4248d717c233eea5b03c37298900f5d',
        ),
        'darwin/amd64': binary(
          `${KIND}/v0.32.0/kind-darwin-amd64`,
          '295ac6d0d634c9819c9907df45e3017d1f13166bd13c3404c45e79f7faa47498',
        ),
        'darwin/arm64': binary(
          `${KIND}/v0.32.0/kind-darwin-arm64`,
          'dca67911095a110c2b5c36e26df6cac860c602033e456c0db47be498cdef1ebb',
        ),
      },
    },
    // cashapp/hermit-packages kind.hcl @ f0517fd7532fc6adfd910cfba3ef2b4c59f662db.
    {
      version: '0.31.0',
      cacheVersion: '0.31.0',
      assets: {
        'linux/amd64': binary(
          `${KIND}/v0.31.0/kind-linux-amd64`,
          'eb244cbafcc157dff60cf68693c14c9a75c4e6e6fedaf9cd71c58117cb93e3fa',
        ),
        'linux/arm64': binary(
          `${KIND}/v0.31.0/kind-linux-arm64`,
          '8e1014e87c34901cc422a1445866835d1e666f2a61301c27e722bdeab5a1f7e4',
        ),
        'darwin/amd64': binary(
          `${KIND}/v0.31.0/kind-darwin-amd64`,
          'a8b3cf77b2ad77aec5bf710d1a2589d9117576132af812885cad41e9dede4d4e',
        ),
        'darwin/arm64': binary(
          `${KIND}/v0.31.0/kind-darwin-arm64`,
          '88bf554fe9da6311c9f8c2d082613c002911a476f6b5090e9420b35d84e70c5c',
        ),
      },
    },
  ],
  kubectl: [
    // kubernetes-sigs/kubespray roles/kubespray_defaults/vars/main/checksums.yml
    // @ 46dbdd3994b32640bcd806b0097f50e8fdf1d514 (kubectl_checksums); matches the kind v0.32.0
    // node image (Kubernetes v1.36.1). No darwin sum found for this patch.
    {
      version: '1.36.1',
      cacheVersion: '1.36.1',
      assets: {
        'linux/amd64': binary(
          `${K8S}/v1.36.1/bin/linux/amd64/kubectl`,
          '629d3f410e09bf49b64ae7079f7f0bda1191efed311f7d37fdbab0ad5b0ec2b7',
        ),
        'linux/arm64': binary(
          `${K8S}/v1.36.1/bin/linux/arm64/kubectl`,
          '59f7ee8e477fae658447607dc3c8790ac17a1b016c01c622c12070e969e2d4e7',
        ),
      },
    },
    // cashapp/hermit-packages kubectl.hcl @ f0517fd7; linux sums identical in kubespray's
    // checksums.yml @ 46dbdd39.
    {
      version: '1.35.2',
      cacheVersion: '1.35.2',
      assets: {
        'linux/amd64': binary(
          `${K8S}/v1.35.2/bin/linux/amd64/kubectl`,
          '924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277',
        ),
        'linux/arm64': binary(
          `${K8S}/v1.35.2/bin/linux/arm64/kubectl`,
          'cd859449f54ad2cb05b491c490c13bb836cdd0886ae013c0aed3dd67ff747467',
        ),
        'darwin/amd64': binary(
          `${K8S}/v1.35.2/bin/darwin/amd64/kubectl`,
          '163955964d4ed9e66656eab45c0114f5c1110d1b430ace432b20ddc430023df5',
        ),
        'darwin/arm64': binary(
          `${K8S}/v1.35.2/bin/darwin/arm64/kubectl`,
          'b0b59cdd7ba20ca20b85214943100e578dd50ddd85242fcddf277a87c2249706',
        ),
      },
    },
  ],
  istioctl: [
    // cashapp/hermit-packages istioctl.hcl @ f0517fd7. Istio 1.30 supports Kubernetes 1.32-1.36.
    // The "osx" archive is the amd64 build; no sum found for osx-arm64.
    {
      version: '1.30.3',
      cacheVersion: '1.30.3',
      assets: {
        'linux/amd64': tarball(
          `${ISTIO}/1.30.3/istioctl-1.30.3-linux-amd64.tar.gz`,
          '7b8559fb0a91466a3ff726ad291bedbcf5e4a24f1d9108dbe51a99e11f2010c8',
          'istioctl',
        ),
        'linux/arm64': tarball(
          `${ISTIO}/1.30.3/istioctl-1.30.3-linux-arm64.tar.gz`,
          '58102643b66d49232a51fdd130f5a207e9e1b40ef1230930b016bdeb41261560',
          'istioctl',
        ),
        'darwin/amd64': tarball(
          `${ISTIO}/1.30.3/istioctl-1.30.3-osx.tar.gz`,
          'ba7bbba3a07cdc9acad26616d089c497d2d043eb72621ed2ab5c771f56daec2b',
          'istioctl',
        ),
      },
    },
  ],
  linkerd: [
    // prefix-dev/rattler-build docs/tutorials/repackaging.md @ 3dedec32cbea1940ace22869bb0129e84ffd8800
    // (a recipe pinning this release). Open-source Linkerd ships edge releases only; this is the
    // newest edge release whose sums we found published; linux/arm64 and darwin/amd64 have none.
    {
      version: 'edge-25.5.2',
      cacheVersion: '25.5.2',
      assets: {
        'linux/amd64': binary(
          `${LINKERD}/edge-25.5.2/linkerd2-cli-edge-25.5.2-linux-amd64`,
          '55e7721ab0eb48217f239628b55517b7d663a962df18cdab180e5d42e45f83cb',
        ),
        'darwin/arm64': binary(
          `${LINKERD}/edge-25.5.2/linkerd2-cli-edge-25.5.2-darwin-arm64`,
          '405ddf3af0089bfece93d811c9bfb9f63e3a000e3f423163fc56690ef4d427cf',
        ),
      },
    },
  ],
  cilium: [
    // kubernetes-sigs/kubespray roles/kubespray_defaults/vars/main/checksums.yml @ 46dbdd39
    // (ciliumcli_binary_checksums, the cilium-linux-<arch>.tar.gz archives). No darwin sums there.
    {
      version: '0.19.7',
      cacheVersion: '0.19.7',
      assets: {
        'linux/amd64': tarball(
          `${CILIUM}/v0.19.7/cilium-linux-amd64.tar.gz`,
          'cd15e0983bf0acc7946cd05d453d1e58376ea92dec2642e745212df2b07d8852',
          'cilium',
        ),
        'linux/arm64': tarball(
          `${CILIUM}/v0.19.7/cilium-linux-arm64.tar.gz`,
          '9482937f14061fb239f2dbb2f97f4103de1b101f5d5defbff319f294f9bd540f',
          'cilium',
        ),
      },
    },
  ],
};

#include "data/deidentify.h"

#include <gdcmAnonymizer.h>
#include <gdcmReader.h>
#include <gdcmUIDGenerator.h>
#include <gdcmWriter.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "data/decode/dicom.h"
#include "data/decode/gdcm_guard.h"
#include "util/files.h"
#include "util/sha256.h"

namespace fusebench::data {

namespace fs = std::filesystem;

namespace {

gdcm::Tag tagOf(uint32_t t) { return gdcm::Tag(static_cast<uint16_t>(t >> 16), static_cast<uint16_t>(t & 0xffff)); }

// PS3.15 E.1 actions for the attributes that occur in images: removed (X) ...
constexpr uint32_t kRemove[] = {
    0x00080081, 0x00080092, 0x00080094, 0x00081010, 0x00081040, 0x00081048, 0x00081050, 0x00081060, 0x00081070,
    0x00080080, 0x00080021, 0x00080022, 0x00080023, 0x00080031, 0x00080032, 0x00080033, 0x0008002A, 0x00081030,
    0x0008103E, 0x00081080, 0x00082111, 0x00100032, 0x00101000, 0x00101001, 0x00101010, 0x00101020, 0x00101030,
    0x00101040, 0x00101090, 0x00102150, 0x00102152, 0x00102154, 0x00102160, 0x00102180, 0x001021B0, 0x001021F0,
    0x00104000, 0x00181000, 0x00181030, 0x00204000, 0x00321032, 0x00321060, 0x00380010, 0x00380300, 0x00400243,
    0x00400244, 0x00400245, 0x00400253, 0x00400254, 0x00400275, 0x0040A730, 0x00321070};
// ... emptied (Z) ...
constexpr uint32_t kEmpty[] = {0x00080020, 0x00080030, 0x00080050, 0x00080090, 0x00100030, 0x00100040, 0x00200010};
// ... and UIDs replaced (U), the same old UID always by the same new one.
constexpr uint32_t kUids[] = {0x0020000D, 0x0020000E, 0x00080018, 0x00200052, 0x00200200, 0x00081155};

struct Run {
  std::string salt;
  std::map<std::string, std::string> uids;  // old -> new
  std::set<std::string> patients;
  gdcm::UIDGenerator generator;

  std::string newUid(const std::string& old) {
    auto it = uids.find(old);
    if (it != uids.end()) return it->second;
    return uids[old] = generator.Generate();
  }
  std::string pseudonym(const std::string& id) {
    patients.insert(id);
    return "FB-" + sha256Hex(salt + "\n" + id).substr(0, 12);
  }
};

std::string valueOf(const gdcm::DataSet& ds, const gdcm::Tag& t) {
  if (!ds.FindDataElement(t)) return {};
  const gdcm::ByteValue* bv = ds.GetDataElement(t).GetByteValue();
  std::string v = bv ? std::string(bv->GetPointer(), bv->GetLength()) : std::string();
  while (!v.empty() && (v.back() == ' ' || v.back() == '\0')) v.pop_back();
  return v;
}

bool deidentifyFile(const fs::path& in, const fs::path& out, Run& run, std::string& error) {
  gdcm::Reader reader;
  reader.SetFileName(in.string().c_str());
  if (!reader.Read()) {
    error = "GDCM cannot read it as DICOM";
    return false;
  }
  gdcm::File& file = reader.GetFile();
  gdcm::DataSet& ds = file.GetDataSet();
  gdcm::Anonymizer anon;
  anon.SetFile(file);
  const std::string patientId = valueOf(ds, gdcm::Tag(0x0010, 0x0020));
  anon.Replace(gdcm::Tag(0x0010, 0x0010), "ANONYMOUS");
  anon.Replace(gdcm::Tag(0x0010, 0x0020), run.pseudonym(patientId).c_str());
  for (uint32_t t : kRemove) anon.Remove(tagOf(t));
  for (uint32_t t : kEmpty) anon.Empty(tagOf(t));
  for (uint32_t t : kUids) {
    const std::string old = valueOf(ds, tagOf(t));
    if (!old.empty()) anon.Replace(tagOf(t), run.newUid(old).c_str());
  }
  anon.RemovePrivateTags();
  anon.Replace(gdcm::Tag(0x0012, 0x0062), "YES");
  anon.Replace(gdcm::Tag(0x0012, 0x0063), "Fusebench: PS3.15 E.1 basic profile attribute list, no encrypted attributes");
  // The file meta information names the instance too.
  const std::string sop = valueOf(ds, gdcm::Tag(0x0008, 0x0018));
  if (!sop.empty()) {
    gdcm::DataElement meta(gdcm::Tag(0x0002, 0x0003));
    meta.SetVR(gdcm::VR::UI);
    std::string padded = sop + (sop.size() % 2 ? std::string(1, '\0') : std::string());
    meta.SetByteValue(padded.data(), static_cast<uint32_t>(padded.size()));
    file.GetHeader().Replace(meta);
  }
  std::error_code ec;
  fs::create_directories(out.parent_path(), ec);
  gdcm::Writer writer;
  writer.SetFile(file);
  const std::string tmp = out.string() + ".tmp";
  writer.SetFileName(tmp.c_str());
  if (!writer.Write()) {
    fs::remove(tmp, ec);
    error = "cannot write '" + out.string() + "'";
    return false;
  }
  return commitFile(tmp, out.string(), error);
}

bool inside(const fs::path& child, const fs::path& parent) {
  auto c = fs::weakly_canonical(child), p = fs::weakly_canonical(parent);
  auto [pe, ce] = std::mismatch(p.begin(), p.end(), c.begin(), c.end());
  return pe == p.end();
}

}  // namespace

DeidentifyResult deidentifyFolder(const std::string& src, const std::string& dst, const DeidentifyOptions& options) {
  DeidentifyResult r;
  std::error_code ec;
  if (!fs::is_directory(src, ec)) {
    r.error = "'" + src + "' is not a folder";
    return r;
  }
  if (fs::exists(dst, ec) && !fs::is_empty(dst, ec)) {
    r.error = "'" + dst + "' exists and is not empty: choose a new folder";
    return r;
  }
  if (inside(dst, src)) {
    r.error = "'" + dst + "' lies inside '" + src + "': choose a folder outside it";
    return r;
  }
  Run run;
  run.salt = options.salt;
  if (run.salt.empty()) run.salt = std::to_string(std::random_device{}()) + std::to_string(std::random_device{}());
  std::size_t done = 0;
  for (auto it = fs::recursive_directory_iterator(src, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const fs::path rel = fs::relative(it->path(), src, ec);
    if (rel.begin() != rel.end() && rel.begin()->string() == ".fusebench-cache") continue;  // caches hold decoded pixels
    const fs::path out = fs::path(dst) / rel;
    std::string error;
    if (looksLikeDicom(it->path().string())) {
      if (guardedGdcm([&] { return deidentifyFile(it->path(), out, run, error); }, error)) ++r.dicom;
      else r.problems.push_back(rel.string() + ": " + error + " (not copied)");
    } else {
      fs::create_directories(out.parent_path(), ec);
      if (fs::copy_file(it->path(), out, fs::copy_options::overwrite_existing, ec)) ++r.copied;
      else r.problems.push_back(rel.string() + ": cannot copy: " + ec.message());
      ec.clear();
    }
    if (options.progress) options.progress(++done);
  }
  if (ec) {
    r.error = "cannot read '" + src + "': " + ec.message();
    return r;
  }
  r.patients = run.patients.size();
  r.ok = true;
  return r;
}

}  // namespace fusebench::data

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="mn_Mong_CN" sourcelanguage="zh_CN">
<context>
    <name>Zizhu</name>
    <message>
        <source>办件进度</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠶᠠᠪᠤᠴᠠ</translation>
    </message>
    <message>
        <source>这是您的办件进度，可打印进度凭条或扫码查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠪᠣᠯ ᠲᠠᠨ&#x202f;ᠤ ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠶᠠᠪᠤᠴᠠ᠃ ᠶᠠᠪᠤᠴᠠ&#x202f;ᠶᠢᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠬᠦ ᠪᠤᠶᠤ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>打印完成，请取走凭条</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠲᠠᠰᠤᠯᠪᠤᠷ&#x202f;ᠢᠶᠠᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>办件编号：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ᠄ %1</translation>
    </message>
    <message>
        <source>申请人：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠰᠦᠯᠲᠡ ᠭᠠᠷᠭᠠᠭᠴᠢ᠄ %1</translation>
    </message>
    <message>
        <source>承诺办结日期：%1（按工作日计算）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠠᠯᠠᠭᠰᠠᠨ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠡᠳᠦᠷ᠄ %1 (ᠠᠵᠢᠯ&#x202f;ᠤᠨ ᠡᠳᠦᠷ&#x202f;ᠢᠶᠡᠷ ᠲᠣᠭᠠᠴᠠᠭᠰᠠᠨ)</translation>
    </message>
    <message>
        <source>%1年法定节假日安排尚未公布，办结日期请以窗口告知为准</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠣᠨ&#x202f;ᠤ ᠪᠠᠶᠠᠷ&#x202f;ᠤᠨ ᠡᠳᠦᠷ&#x202f;ᠦᠨ ᠵᠣᠬᠢᠶᠠᠯᠲᠠ ᠵᠠᠷᠯᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠡᠳᠦᠷ&#x202f;ᠢ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>办结日期请以窗口告知为准</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠡᠳᠦᠷ&#x202f;ᠢ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>已办结</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ</translation>
    </message>
    <message>
        <source>领取方式：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠪᠬᠤ ᠠᠷᠭ᠎ᠠ᠄ %1</translation>
    </message>
    <message>
        <source>需补正的材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠮᠡᠵᠦ ᠵᠠᠰᠠᠬᠤ ᠪᠠᠷᠢᠮᠲᠠ</translation>
    </message>
    <message>
        <source>不予受理理由：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠦᠭᠡᠢ ᠰᠢᠯᠲᠠᠭᠠᠨ᠄ %1</translation>
    </message>
    <message>
        <source>打印进度凭条</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠶᠠᠪᠤᠴᠠ&#x202f;ᠶᠢᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>ᠪᠤᠴᠠᠬᠤ</translation>
    </message>
    <message>
        <source>本终端暂停服务，请到人工窗口或其他终端办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ&#x202f;ᠤ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ ᠪᠤᠶᠤ ᠥᠭᠡᠷ᠎ᠡ ᠮᠠᠱᠢᠨ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>请到人工窗口或其他自助终端办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ ᠪᠤᠶᠤ ᠥᠭᠡᠷ᠎ᠡ ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠬᠦ ᠮᠠᠱᠢᠨ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>人工窗口：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ᠄ %1</translation>
    </message>
    <message>
        <source>咨询电话：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ᠄ %1</translation>
    </message>
    <message>
        <source>您还在吗？如需继续办理，请点击“继续”</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠ ᠪᠠᠶᠢᠰᠠᠭᠠᠷ ᠪᠠᠶᠢᠨ᠎ᠠ&#x202f;ᠤᠤ? ᠦᠷᠭᠦᠯᠵᠢᠯᠡᠨ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠪᠣᠯ “ᠦᠷᠭᠦᠯᠵᠢᠯᠡᠬᠦ”&#x202f;ᠶᠢ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>您还在吗？</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠ ᠪᠠᠶᠢᠰᠠᠭᠠᠷ ᠪᠠᠶᠢᠨ᠎ᠠ&#x202f;ᠤᠤ?</translation>
    </message>
    <message>
        <source>%1 秒后将结束本次办理并清除您的信息</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠰᠧᠺᠦᠨᠲ&#x202f;ᠦᠨ ᠳᠠᠷᠠᠭ᠎ᠠ ᠡᠨᠡ ᠤᠳᠠ&#x202f;ᠶᠢᠨ ᠪᠦᠲᠦᠭᠡᠯ ᠲᠡᠭᠦᠰᠭᠡᠳ᠂ ᠲᠠᠨ&#x202f;ᠤ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ&#x202f;ᠢ ᠠᠷᠢᠯᠭᠠᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>ᠦᠷᠭᠦᠯᠵᠢᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>办事指南详情</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ&#x202f;ᠶᠢᠨ ᠳᠡᠯᠭᠡᠷᠡᠩᠭᠦᠢ</translation>
    </message>
    <message>
        <source>这是该事项的办事指南，可打印一次性告知书或扫码查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠪᠣᠯ ᠲᠤᠰ ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠵᠢᠭᠠᠪᠤᠷᠢ᠃ ᠨᠢᠭᠡ ᠤᠳᠠ&#x202f;ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠪᠢᠴᠢᠭ ᠬᠡᠪᠯᠡᠬᠦ ᠪᠤᠶᠤ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>即办</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠡᠷᠡ ᠳᠠᠷᠤᠢ ᠪᠠᠷᠢᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>%1个工作日</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ</translation>
    </message>
    <message>
        <source>事项类型</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠲᠥᠷᠦᠯ</translation>
    </message>
    <message>
        <source>实施主体</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠦᠢᠴᠡᠳᠭᠡᠬᠦ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>受理条件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠪᠣᠯᠵᠣᠯ</translation>
    </message>
    <message>
        <source>设定依据</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠤᠯᠢ&#x202f;ᠶᠢᠨ ᠦᠨᠳᠦᠰᠦ</translation>
    </message>
    <message>
        <source>法定办结时限</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠤᠯᠢ&#x202f;ᠳᠤ ᠲᠣᠭᠲᠠᠭᠠᠭᠰᠠᠨ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>承诺办结时限</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠠᠯᠠᠭᠰᠠᠨ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>收费标准及依据</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠤᠷᠢᠶᠠᠮᠵᠢ&#x202f;ᠶᠢᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ ᠪᠠ ᠦᠨᠳᠦᠰᠦ</translation>
    </message>
    <message>
        <source>所需材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭᠲᠡᠢ ᠪᠠᠷᠢᠮᠲᠠ</translation>
    </message>
    <message>
        <source>办理流程</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠶᠠᠪᠤᠴᠠ</translation>
    </message>
    <message>
        <source>办理形式</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠡᠯᠪᠡᠷᠢ</translation>
    </message>
    <message>
        <source>办理地点</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠭᠠᠵᠠᠷ</translation>
    </message>
    <message>
        <source>办理时间</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠴᠠᠭ</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠯ&#x202f;ᠦᠨ ᠦᠷ᠎ᠡ ᠳᠦᠩ</translation>
    </message>
    <message>
        <source>咨询方式</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠯᠠᠪᠯᠠᠬᠤ ᠠᠷᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>监督投诉方式</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠢᠨᠠᠨ ᠬᠢᠶᠠᠭᠤᠯᠬᠤ ᠪᠠ ᠭᠣᠮᠳᠠᠯ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠠᠷᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠢᠭᠡ ᠤᠳᠠ&#x202f;ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠪᠢᠴᠢᠭ ᠬᠡᠪᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ</translation>
    </message>
    <message>
        <source>请按部门或主题选择，或输入事项名称、拼音首字母查找</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠯᠲᠡᠰ ᠪᠤᠶᠤ ᠰᠡᠳᠦᠪ&#x202f;ᠢᠶᠡᠷ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠂ ᠪᠤᠶᠤ ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠨᠡᠷ᠎ᠡ᠂ ᠫᠢᠨᠶᠢᠨ&#x202f;ᠦ ᠲᠡᠷᠢᠭᠦᠨ ᠦᠰᠦᠭ&#x202f;ᠢ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠡᠷᠢᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>正在加载，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠴᠢᠶᠠᠯᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>材料提交</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠲᠤᠰᠢᠶᠠᠬᠤ</translation>
    </message>
    <message>
        <source>请选择办件，再把材料逐页放在高拍仪下拍摄</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ ᠢᠶᠡᠨ ᠰᠣᠩᠭᠣᠭᠠᠳ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠨᠢᠭᠤᠷ ᠨᠢᠭᠤᠷ ᠢᠶᠠᠷ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢᠨ ᠺᠠᠮᠧᠷ ᠤᠨ ᠳᠣᠣᠷ᠎ᠠ ᠲᠠᠯᠪᠢᠵᠤ ᠵᠢᠷᠤᠭ ᠠᠪᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>页面清晰，请点击拍这一页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠢᠭᠤᠷ ᠲᠣᠳᠣᠷᠬᠠᠢ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ “ᠡᠨᠡ ᠨᠢᠭᠤᠷ ᠢ ᠠᠪᠬᠤ” ᠶᠢ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请核对已拍的页面，无误请点击提交材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠪᠤᠭᠰᠠᠨ ᠨᠢᠭᠤᠷ ᠢᠶᠠᠨ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ᠂ ᠵᠥᠪ ᠪᠣᠯ “ᠪᠠᠷᠢᠮᠲᠠ ᠲᠤᠰᠢᠶᠠᠬᠤ” ᠶᠢ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>材料已提交</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢ ᠲᠤᠰᠢᠶᠠᠪᠠ</translation>
    </message>
    <message>
        <source>重试</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠬᠤ</translation>
    </message>
    <message>
        <source>请输入需要提交材料的办件编号</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠲᠤᠰᠢᠶᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠦᠨ ᠳᠤᠭᠠᠷ ᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>材料只提交到您的办件，本机不保存</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢ ᠵᠥᠪᠬᠡᠨ ᠲᠠᠨ ᠤ ᠬᠡᠷᠡᠭ ᠲᠦ ᠲᠤᠰᠢᠶᠠᠨ᠎ᠠ᠂ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>正在提交材料，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢ ᠲᠤᠰᠢᠶᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>高拍仪画面</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢᠨ ᠺᠠᠮᠧᠷ ᠤᠨ ᠳᠦᠷᠰᠦ</translation>
    </message>
    <message>
        <source>这一页没有拍成：</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠨᠢᠭᠤᠷ ᠢ ᠠᠪᠴᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠄</translation>
    </message>
    <message>
        <source>已拍 %1 页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠨᠢᠭᠤᠷ ᠠᠪᠤᠪᠠ</translation>
    </message>
    <message>
        <source>拍这一页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠨᠢᠭᠤᠷ ᠢ ᠠᠪᠬᠤ</translation>
    </message>
    <message>
        <source>拍完了，查看页面</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠨᠢᠭᠤᠷ ᠢ ᠦᠵᠡᠬᠦ</translation>
    </message>
    <message>
        <source>请先拍摄至少一页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠷᠢᠳᠠ ᠳᠣᠯᠠᠭᠠᠨ ᠨᠢᠭᠡ ᠨᠢᠭᠤᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请核对已拍的页面，共 %1 页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠪᠤᠭᠰᠠᠨ ᠨᠢᠭᠤᠷ ᠢᠶᠠᠨ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ᠂ ᠨᠡᠶᠢᠲᠡ %1 ᠨᠢᠭᠤᠷ</translation>
    </message>
    <message>
        <source>拍好的页面</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠪᠤᠭᠰᠠᠨ ᠨᠢᠭᠤᠷ</translation>
    </message>
    <message>
        <source>第 %1 页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠳᠦᠭᠡᠷ ᠨᠢᠭᠤᠷ</translation>
    </message>
    <message>
        <source>删除</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠰᠤᠬᠤ</translation>
    </message>
    <message>
        <source>继续拍摄</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠷᠭᠦᠯᠵᠢᠯᠡᠨ ᠠᠪᠬᠤ</translation>
    </message>
    <message>
        <source>已达到最多页数，请提交</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠮᠤᠭ ᠣᠯᠠᠨ ᠨᠢᠭᠤᠷ ᠲᠤ ᠬᠦᠷᠪᠡ᠂ ᠲᠤᠰᠢᠶᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>提交材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠲᠤᠰᠢᠶᠠᠬᠤ</translation>
    </message>
    <message>
        <source>共 %1 页已提交到办件 %2，本机不保存</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠨᠢᠭᠤᠷ ᠢ %2 ᠳᠤᠭᠠᠷ ᠲᠠᠢ ᠬᠡᠷᠡᠭ ᠲᠦ ᠲᠤᠰᠢᠶᠠᠪᠠ᠂ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>事项名称或拼音首字母</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠨᠡᠷ᠎ᠡ ᠪᠤᠶᠤ ᠫᠢᠨᠶᠢᠨ&#x202f;ᠦ ᠲᠡᠷᠢᠭᠦᠨ ᠦᠰᠦᠭ</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>ᠡᠷᠢᠬᠦ</translation>
    </message>
    <message>
        <source>按部门</source>
        <translation>ᠬᠡᠯᠲᠡᠰ&#x202f;ᠢᠶᠡᠷ</translation>
    </message>
    <message>
        <source>按主题</source>
        <translation>ᠰᠡᠳᠦᠪ&#x202f;ᠢᠶᠡᠷ</translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个说法或按部门查找</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠥᠭᠡᠷ᠎ᠡ ᠦᠭᠡ&#x202f;ᠪᠡᠷ ᠪᠤᠶᠤ ᠬᠡᠯᠲᠡᠰ&#x202f;ᠢᠶᠡᠷ ᠡᠷᠢᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>返回上一级</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠡᠭᠡᠷ᠎ᠡ ᠱᠠᠲᠤ&#x202f;ᠳᠤ ᠪᠤᠴᠠᠬᠤ</translation>
    </message>
    <message>
        <source>24小时自助服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>24 ᠴᠠᠭ&#x202f;ᠤᠨ ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ</translation>
    </message>
    <message>
        <source>您好，请放置身份证，或点击要办理的业务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠠᠶᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ&#x202f;ᠤᠤ? ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠂ ᠪᠤᠶᠤ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠡᠷᠡᠭ&#x202f;ᠢᠶᠡᠨ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>您好，%1</source>
        <translation>ᠰᠠᠶᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ&#x202f;ᠤᠤ᠂ %1</translation>
    </message>
    <message>
        <source>请将身份证放在感应区，或点击下方业务开始</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠮᠡᠳᠡᠷᠡᠭᠴᠢ ᠲᠠᠯᠪᠠᠢ&#x202f;ᠳᠤ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠂ ᠪᠤᠶᠤ ᠳᠣᠣᠷ᠎ᠠ&#x202f;ᠬᠢ ᠬᠡᠷᠡᠭ&#x202f;ᠢ ᠳᠠᠷᠤᠵᠤ ᠡᠬᠢᠯᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>读取身份证</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠤᠩᠰᠢᠬᠤ</translation>
    </message>
    <message>
        <source>办件查询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠶᠠᠪᠤᠴᠠ ᠯᠠᠪᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>ᠬᠡᠯᠡ / Language</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>ᠬᠢᠲᠠᠳ ᠬᠡᠯᠡ</translation>
    </message>
    <message>
        <source>蒙古文</source>
        <translation>ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ</translation>
    </message>
    <message>
        <source>英文</source>
        <translation>ᠠᠩᠭᠯᠢ ᠬᠡᠯᠡ</translation>
    </message>
    <message>
        <source>长辈模式：已开启</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠲᠡᠭᠦᠰ&#x202f;ᠦᠨ ᠬᠡᠯᠪᠡᠷᠢ᠄ ᠠᠰᠠᠭᠠᠪᠠ</translation>
    </message>
    <message>
        <source>长辈模式：字更大</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠲᠡᠭᠦᠰ&#x202f;ᠦᠨ ᠬᠡᠯᠪᠡᠷᠢ᠄ ᠦᠰᠦᠭ ᠢᠯᠡᠭᠦᠦ ᠲᠣᠮᠤ</translation>
    </message>
    <message>
        <source>遇到问题请拨打咨询电话：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠰᠠᠭᠤᠳᠠᠯ ᠭᠠᠷᠪᠠᠯ ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ&#x202f;ᠳᠤ ᠶᠠᠷᠢᠭᠠᠷᠠᠢ᠄ %1</translation>
    </message>
    <message>
        <source>演示：放置证件 %1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠵᠡᠭᠦᠯᠬᠦ᠄ ᠦᠨᠡᠮᠯᠡᠯ ᠲᠠᠯᠪᠢᠬᠤ %1</translation>
    </message>
    <message>
        <source>请将身份证放在感应区，不要移动</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠮᠡᠳᠡᠷᠡᠭᠴᠢ ᠲᠠᠯᠪᠠᠢ&#x202f;ᠳᠤ ᠲᠠᠯᠪᠢᠵᠤ᠂ ᠪᠦᠦ ᠬᠥᠳᠡᠯᠭᠡ᠃</translation>
    </message>
    <message>
        <source>读取成功</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠵᠢᠯᠲᠠ&#x202f;ᠲᠠᠢ ᠤᠩᠰᠢᠪᠠ</translation>
    </message>
    <message>
        <source>未能读取证件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢ ᠤᠩᠰᠢᠵᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>请将身份证放在感应区</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠮᠡᠳᠡᠷᠡᠭᠴᠢ ᠲᠠᠯᠪᠠᠢ&#x202f;ᠳᠤ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>姓名：%1</source>
        <translation>ᠨᠡᠷ᠎ᠡ᠄ %1</translation>
    </message>
    <message>
        <source>证件号码：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ᠄ %1</translation>
    </message>
    <message>
        <source>有效期至：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠴᠦᠨ&#x202f;ᠲᠡᠢ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ᠄ %1 ᠬᠦᠷᠲᠡᠯᠡ</translation>
    </message>
    <message>
        <source>重新读取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠬᠢᠨ ᠤᠩᠰᠢᠬᠤ</translation>
    </message>
    <message>
        <source>选择业务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ ᠰᠣᠩᠭᠣᠬᠤ</translation>
    </message>
    <message>
        <source>自助服务终端</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠬᠦ ᠮᠠᠱᠢᠨ</translation>
    </message>
    <message>
        <source>清空</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠷᠢᠯᠭᠠᠬᠤ</translation>
    </message>
    <message>
        <source>退格</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠰᠤᠬᠤ</translation>
    </message>
    <message>
        <source>正在打印，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>扫码查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠬᠦ</translation>
    </message>
    <message>
        <source>手机扫码查看，可随时查阅</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠠᠷ ᠤᠲᠠᠰᠤ&#x202f;ᠪᠠᠷ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠪᠡᠯ᠂ ᠬᠡᠵᠢᠶ᠎ᠡ ᠴᠦ ᠦᠵᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>打印暂不可用</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠷ ᠬᠡᠪᠯᠡᠵᠦ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>请输入办件编号，或使用身份证查询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠂ ᠪᠤᠶᠤ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠷ ᠯᠠᠪᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>正在查询，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠯᠠᠪᠯᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ</translation>
    </message>
    <message>
        <source>查询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠯᠠᠪᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>用身份证查询我的办件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠷ ᠮᠢᠨᠤ ᠬᠡᠷᠡᠭ&#x202f;ᠢ ᠯᠠᠪᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>请先在首页放置身份证</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠷᠢᠳᠠ ᠲᠡᠷᠢᠭᠦᠨ ᠨᠢᠭᠤᠷ&#x202f;ᠲᠤ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到您的办件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ&#x202f;ᠤ ᠬᠡᠷᠡᠭ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>按办件编号查询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠢᠶᠠᠷ ᠯᠠᠪᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>证件已过有效期，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠦᠨ ᠬᠦᠴᠦᠨ&#x202f;ᠲᠡᠢ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ&#x202f;ᠨᠢ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>证件信息校验失败，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠦᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ&#x202f;ᠢ ᠪᠠᠲᠤᠯᠠᠵᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>读卡失败，请取下证件后重新放置</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠩᠰᠢᠵᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠠᠪᠤᠭᠠᠳ ᠳᠠᠬᠢᠨ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>本次业务已读取该证件，请取走证件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢ ᠡᠨᠡ ᠤᠳᠠ ᠤᠩᠰᠢᠭᠰᠠᠨ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>身份证阅读器暂停使用，可用办件编号查询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠤᠩᠰᠢᠭᠴᠢ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠢᠶᠠᠷ ᠯᠠᠪᠯᠠᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>本机未配置身份证阅读器</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ&#x202f;ᠳᠤ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠤᠩᠰᠢᠭᠴᠢ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>打印纸已用完，请扫码查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠯ&#x202f;ᠦᠨ ᠴᠠᠭᠠᠰᠤ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>打印机暂停使用，请扫码查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠭᠦᠷ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>本机不能打印，请扫码查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>打印中断，请扫码查看，或到人工窗口领取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠯ ᠲᠠᠰᠤᠷᠠᠪᠠ᠂ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠭᠡᠷᠡᠢ᠂ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>打印机无响应，请扫码查看，或到人工窗口领取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠭᠦᠷ ᠬᠠᠷᠢᠤ ᠦᠭᠡᠢ᠂ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠭᠡᠷᠡᠢ᠂ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未能打印，请扫码查看，或到人工窗口领取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠺᠣᠳ&#x202f;ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠦᠵᠡᠭᠡᠷᠡᠢ᠂ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>业务系统响应超时，请稍后再试或到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠰᠢᠰᠲᠧᠮ&#x202f;ᠦᠨ ᠬᠠᠷᠢᠤ ᠤᠳᠠᠪᠠ᠂ ᠬᠣᠶᠢᠨ᠎ᠠ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>业务系统暂时无法访问，请稍后再试或到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠰᠢᠰᠲᠧᠮ&#x202f;ᠳᠦ ᠲᠦᠷ ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ ᠠᠷᠭ᠎ᠠ ᠦᠭᠡᠢ᠂ ᠬᠣᠶᠢᠨ᠎ᠠ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到相关信息，请核对后重试</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>办件编号应为6至24位数字，请核对后重新输入</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ 6&#x202f;ᠠᠴᠠ 24 ᠣᠷᠣᠨᠲᠤ ᠲᠣᠭ᠎ᠠ ᠪᠠᠶᠢᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ᠂ ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请先读取身份证</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠷᠢᠳᠠ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠤᠩᠰᠢᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>这是身份证号码，不是办件编号：请在首页放置身份证查询您的办件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠪᠣᠯ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ᠂ ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ ᠪᠢᠰᠢ᠄ ᠲᠡᠷᠢᠭᠦᠨ ᠨᠢᠭᠤᠷ&#x202f;ᠲᠤ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠢᠶᠡᠨ ᠲᠠᠯᠪᠢᠵᠤ ᠬᠡᠷᠡᠭ&#x202f;ᠢᠶᠡᠨ ᠯᠠᠪᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>本终端暂停服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ&#x202f;ᠤ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ</translation>
    </message>
    <message>
        <source>系统故障，暂停服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠰᠲᠧᠮ&#x202f;ᠳᠦ ᠭᠡᠮᠲᠡᠯ ᠭᠠᠷᠴᠤ᠂ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ</translation>
    </message>
    <message>
        <source>已申请，待受理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠰᠦᠯᠲᠡ ᠭᠠᠷᠭᠠᠪᠠ᠂ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ&#x202f;ᠶᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>已受理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠪᠠ</translation>
    </message>
    <message>
        <source>审查中</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠢᠨᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>需补正材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠨᠡᠮᠡᠵᠦ ᠵᠠᠰᠠᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ</translation>
    </message>
    <message>
        <source>已办结，待领取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠠᠪᠬᠤ&#x202f;ᠶᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>已办结，已领取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠠᠪᠤᠪᠠ</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠤᠴᠠᠭᠠᠨ ᠠᠪᠤᠪᠠ</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠢᠷᠭᠡᠨ&#x202f;ᠦ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ</translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠶᠠᠩᠭᠠᠩ᠂ ᠠᠣᠮᠧᠨ᠂ ᠲᠠᠶᠢᠸᠠᠨ&#x202f;ᠤ ᠢᠷᠭᠡᠨ&#x202f;ᠦ ᠰᠠᠭᠤᠬᠤ ᠦᠨᠡᠮᠯᠡᠯ</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠠᠳᠠᠭᠠᠳᠤ&#x202f;ᠶᠢᠨ ᠬᠦᠮᠦᠨ&#x202f;ᠦ ᠮᠥᠩᠬᠡ ᠰᠠᠭᠤᠬᠤ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ</translation>
    </message>
    <message>
        <source>暂时无法办理，请到人工窗口</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠷ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠠᠷᠭ᠎ᠠ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>朗读</source>
        <translation>ᠤᠩᠰᠢᠬᠤ</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>ᠲᠡᠷᠢᠭᠦᠨ ᠨᠢᠭᠤᠷ</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>ᠲᠡᠭᠦᠰᠭᠡᠬᠦ</translation>
    </message>
    <message>
        <source>证件照</source>
        <translation>ᠦᠨᠡᠮᠯᠡᠯ ᠦᠨ ᠵᠢᠷᠤᠭ</translation>
    </message>
    <message>
        <source>请选择照片尺寸，再按提示拍照</source>
        <translation>ᠵᠢᠷᠤᠭ ᠤᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ ᠶᠢ ᠰᠣᠩᠭᠣᠭᠠᠳ᠂ ᠰᠠᠨᠠᠭᠤᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠠᠭᠤ ᠵᠢᠷᠤᠭ ᠠᠪᠠᠭᠤᠯᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>正在检查画面…</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢ ᠰᠢᠯᠭᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>很好，请保持不动，点击拍照</source>
        <translation>ᠰᠠᠶᠢᠨ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠪᠦᠦ ᠬᠥᠳᠡᠯᠭᠡ᠂ ᠵᠢᠷᠤᠭ ᠠᠪᠬᠤ ᠶᠢ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请确认照片，满意请点击使用这张</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢᠶᠠᠨ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ᠂ ᠰᠠᠶᠢᠨ ᠪᠣᠯ “ᠡᠨᠡ ᠵᠢᠷᠤᠭ ᠢ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ” ᠶᠢ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>照片已提交</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢ ᠲᠤᠰᠢᠶᠠᠪᠠ</translation>
    </message>
    <message>
        <source>请选择照片尺寸</source>
        <translation>ᠵᠢᠷᠤᠭ ᠤᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ ᠶᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>居民身份证照片（358×441）</source>
        <translation>ᠢᠷᠭᠡᠨ ᠦ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠦᠨ ᠵᠢᠷᠤᠭ (358×441)</translation>
    </message>
    <message>
        <source>一寸照片（295×413）</source>
        <translation>ᠨᠢᠭᠡ ᠴᠦᠨ ᠦ ᠵᠢᠷᠤᠭ (295×413)</translation>
    </message>
    <message>
        <source>照片只提交到您的办件，本机不保存</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢ ᠵᠥᠪᠬᠡᠨ ᠲᠠᠨ ᠤ ᠬᠡᠷᠡᠭ ᠲᠦ ᠲᠤᠰᠢᠶᠠᠨ᠎ᠠ᠂ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>请输入需要补交照片的办件编号</source>
        <translation>ᠵᠢᠷᠤᠭ ᠨᠡᠮᠡᠵᠦ ᠥᠭᠬᠦ ᠬᠡᠷᠡᠭ ᠦᠨ ᠳᠤᠭᠠᠷ ᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>用身份证查找我的办件</source>
        <translation>ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢᠶᠡᠷ ᠮᠢᠨᠤ ᠬᠡᠷᠡᠭ ᠢ ᠡᠷᠢᠬᠦ</translation>
    </message>
    <message>
        <source>正在提交照片，请稍候…</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢ ᠲᠤᠰᠢᠶᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>摄像头画面</source>
        <translation>ᠺᠠᠮᠧᠷ ᠤᠨ ᠳᠦᠷᠰᠦ</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>ᠵᠢᠷᠤᠭ ᠠᠪᠬᠤ</translation>
    </message>
    <message>
        <source>请先按上方提示调整</source>
        <translation>ᠤᠷᠢᠳᠠ ᠳᠡᠭᠡᠷ᠎ᠡ ᠬᠢ ᠰᠠᠨᠠᠭᠤᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠠᠭᠤ ᠵᠠᠰᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请确认照片</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢᠶᠠᠨ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>拍好的照片</source>
        <translation>ᠠᠪᠤᠭᠰᠠᠨ ᠵᠢᠷᠤᠭ</translation>
    </message>
    <message>
        <source>照片尺寸：%1×%2像素</source>
        <translation>ᠵᠢᠷᠤᠭ ᠤᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ᠄ %1×%2 ᠫᠢᠺᠰᠧᠯ</translation>
    </message>
    <message>
        <source>重拍</source>
        <translation>ᠳᠠᠬᠢᠨ ᠠᠪᠬᠤ</translation>
    </message>
    <message>
        <source>使用这张</source>
        <translation>ᠡᠨᠡ ᠵᠢᠷᠤᠭ ᠢ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>照片已提交到办件 %1，本机不保存照片</source>
        <translation>ᠵᠢᠷᠤᠭ ᠢ %1 ᠳᠤᠭᠠᠷ ᠲᠠᠢ ᠬᠡᠷᠡᠭ ᠲᠦ ᠲᠤᠰᠢᠶᠠᠪᠠ᠂ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠵᠢᠷᠤᠭ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>ᠳᠠᠭᠤᠰᠬᠤ</translation>
    </message>
    <message>
        <source>摄像头被遮挡，请移开遮挡物</source>
        <translation>ᠺᠠᠮᠧᠷ ᠬᠠᠯᠬᠠᠯᠠᠭᠳᠠᠪᠠ᠂ ᠬᠠᠯᠬᠠᠯᠠᠭᠰᠠᠨ ᠶᠠᠭᠤᠮ᠎ᠠ ᠶᠢ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>没有找到材料，请把材料平放在拍摄区内</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠵᠢᠷᠤᠭ ᠠᠪᠬᠤ ᠬᠡᠰᠡᠭ ᠲᠦ ᠳᠡᠯᠭᠡᠵᠦ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>材料超出拍摄范围，请把整页材料放在拍摄区内</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠵᠢᠷᠤᠭ ᠠᠪᠬᠤ ᠬᠡᠰᠡᠭ ᠡᠴᠡ ᠭᠠᠷᠪᠠ᠂ ᠪᠦᠬᠦ ᠨᠢᠭᠤᠷ ᠢ ᠬᠡᠰᠡᠭ ᠲᠦ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>材料没有放平或被遮挡，请放平、移开手</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠳᠡᠯᠭᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ ᠪᠤᠶᠤ ᠬᠠᠯᠬᠠᠯᠠᠭᠳᠠᠪᠠ᠂ ᠳᠡᠯᠭᠡᠵᠦ ᠭᠠᠷ ᠢᠶᠠᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>画面模糊，请放平材料，保持不动</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠦᠷᠰᠦ ᠪᠠᠯᠠᠷ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠳᠡᠯᠭᠡᠵᠦ᠂ ᠪᠦᠦ ᠬᠥᠳᠡᠯᠭᠡ</translation>
    </message>
    <message>
        <source>这一页已经拍过，请换下一页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠨᠢᠭᠤᠷ ᠢ ᠠᠪᠴᠢᠬᠠᠪᠠ᠂ ᠳᠠᠷᠠᠭᠠᠴᠢ ᠨᠢᠭᠤᠷ ᠢ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>摄像头被遮挡，暂不能拍摄材料，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠺᠠᠮᠧᠷ ᠬᠠᠯᠬᠠᠯᠠᠭᠳᠠᠪᠠ᠂ ᠲᠦᠷ ᠪᠠᠷᠢᠮᠲᠠ ᠠᠪᠴᠤ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>高拍仪暂停使用，请到人工窗口提交材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢᠨ ᠺᠠᠮᠧᠷ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠲᠤᠰᠢᠶᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>本机没有高拍仪，请到人工窗口提交材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢᠨ ᠺᠠᠮᠧᠷ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠲᠤᠰᠢᠶᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到可以提交材料的办件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠲᠤᠰᠢᠶᠠᠵᠤ ᠪᠣᠯᠬᠤ ᠬᠡᠷᠡᠭ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>该办件已办结，不需要提交材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠲᠤᠰᠢᠶᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>请正对镜头</source>
        <translation>ᠺᠠᠮᠧᠷ ᠲᠤ ᠱᠤᠯᠤᠳ ᠬᠠᠷᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>画面中只能有一个人</source>
        <translation>ᠵᠢᠷᠤᠭ ᠲᠤ ᠵᠥᠪᠬᠡᠨ ᠨᠢᠭᠡ ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ</translation>
    </message>
    <message>
        <source>请正对镜头，不要侧脸</source>
        <translation>ᠺᠠᠮᠧᠷ ᠲᠤ ᠱᠤᠯᠤᠳ ᠬᠠᠷᠠᠭᠠᠷᠠᠢ᠂ ᠨᠢᠭᠤᠷ ᠢᠶᠠᠨ ᠪᠦᠦ ᠡᠷᠭᠢᠭᠦᠯ</translation>
    </message>
    <message>
        <source>请保持头部端正</source>
        <translation>ᠲᠣᠯᠣᠭᠠᠢ ᠪᠡᠨ ᠲᠡᠭᠰᠢ ᠪᠠᠷᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请靠近镜头一些</source>
        <translation>ᠺᠠᠮᠧᠷ ᠲᠤ ᠵᠢᠭᠠᠬᠠᠨ ᠣᠶᠢᠷᠠᠲᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请离镜头远一些</source>
        <translation>ᠺᠠᠮᠧᠷ ᠠᠴᠠ ᠵᠢᠭᠠᠬᠠᠨ ᠬᠣᠯᠳᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请站到画面中间</source>
        <translation>ᠵᠢᠷᠤᠭ ᠤᠨ ᠳᠤᠮᠳᠠ ᠵᠣᠭᠰᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请把头稍微放低一点</source>
        <translation>ᠲᠣᠯᠣᠭᠠᠢ ᠪᠡᠨ ᠵᠢᠭᠠᠬᠠᠨ ᠳᠣᠣᠷᠠᠳᠬᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请坐直，把头抬高一点</source>
        <translation>ᠰᠢᠯᠤᠭᠤᠨ ᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠂ ᠲᠣᠯᠣᠭᠠᠢ ᠪᠡᠨ ᠵᠢᠭᠠᠬᠠᠨ ᠥᠨᠳᠥᠷᠯᠡᠭᠦᠯᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>光线太暗</source>
        <translation>ᠭᠡᠷᠡᠯ ᠬᠡᠲᠦᠷᠬᠡᠢ ᠰᠤᠯᠠ</translation>
    </message>
    <message>
        <source>光线太亮，脸部过曝</source>
        <translation>ᠭᠡᠷᠡᠯ ᠬᠡᠲᠦᠷᠬᠡᠢ ᠬᠦᠴᠦᠲᠡᠢ᠂ ᠨᠢᠭᠤᠷ ᠬᠡᠲᠦ ᠭᠡᠷᠡᠯᠲᠡᠢ</translation>
    </message>
    <message>
        <source>照片模糊，请保持不动</source>
        <translation>ᠵᠢᠷᠤᠭ ᠪᠠᠯᠠᠷ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠪᠦᠦ ᠬᠥᠳᠡᠯᠭᠡ</translation>
    </message>
    <message>
        <source>背景不够白</source>
        <translation>ᠠᠷᠤ ᠦᠵᠡᠭᠳᠡᠯ ᠬᠠᠩᠭᠠᠯᠲᠠ ᠴᠠᠭᠠᠨ ᠪᠢᠰᠢ</translation>
    </message>
    <message>
        <source>背景不均匀，请站在白色背景前</source>
        <translation>ᠠᠷᠤ ᠦᠵᠡᠭᠳᠡᠯ ᠲᠡᠭᠰᠢ ᠪᠢᠰᠢ᠂ ᠴᠠᠭᠠᠨ ᠠᠷᠤ ᠦᠵᠡᠭᠳᠡᠯ ᠦᠨ ᠡᠮᠦᠨ᠎ᠡ ᠵᠣᠭᠰᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>摄像头被遮挡，暂不能拍照，请到人工窗口办理</source>
        <translation>ᠺᠠᠮᠧᠷ ᠬᠠᠯᠬᠠᠯᠠᠭᠳᠠᠪᠠ᠂ ᠲᠦᠷ ᠵᠢᠷᠤᠭ ᠠᠪᠬᠤ ᠠᠷᠭ᠎ᠠ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>摄像头暂停使用，请到人工窗口拍照</source>
        <translation>ᠺᠠᠮᠧᠷ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠵᠢᠷᠤᠭ ᠠᠪᠠᠭᠤᠯᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>本机没有摄像头，请到人工窗口拍照</source>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠺᠠᠮᠧᠷ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠵᠢᠷᠤᠭ ᠠᠪᠠᠭᠤᠯᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到需要补交照片的办件</source>
        <translation>ᠵᠢᠷᠤᠭ ᠨᠡᠮᠡᠵᠦ ᠥᠭᠬᠦ ᠬᠡᠷᠡᠭ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>该办件已办结，不需要补交照片</source>
        <translation>ᠲᠤᠰ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠵᠢᠷᠤᠭ ᠨᠡᠮᠡᠵᠦ ᠥᠭᠬᠦ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>服务评价</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠯᠡᠯᠲᠡ</translation>
    </message>
    <message>
        <source>本次服务已完成，欢迎您对本次服务作出评价</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠤᠳᠠᠭᠠᠨ&#x202f;ᠤ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠦᠨᠡᠯᠡᠯᠲᠡ ᠥᠭᠭᠦᠬᠦ&#x202f;ᠶᠢ ᠤᠷᠢᠯᠠᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>已提交，感谢您的评价</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰᠢᠶᠠᠪᠠ᠂ ᠦᠨᠡᠯᠡᠯᠲᠡ&#x202f;ᠳᠦ ᠲᠠᠨ&#x202f;ᠳᠤ ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>本次服务您已评价过，每项服务只能评价一次</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠ ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ&#x202f;ᠶᠢ ᠦᠨᠡᠯᠡᠭᠰᠡᠨ᠂ ᠬᠡᠷᠡᠭ ᠪᠦᠷᠢ&#x202f;ᠶᠢ ᠨᠢᠭᠡ ᠯᠠ ᠤᠳᠠᠭ᠎ᠠ ᠦᠨᠡᠯᠡᠨ᠎ᠡ᠃</translation>
    </message>
    <message>
        <source>您办理的事项</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ&#x202f;ᠤ ᠪᠦᠲᠦᠭᠡᠭᠰᠡᠨ ᠬᠡᠷᠡᠭ</translation>
    </message>
    <message>
        <source>您的评价将用于改进政务服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ&#x202f;ᠤ ᠦᠨᠡᠯᠡᠯᠲᠡ ᠵᠠᠰᠠᠭ&#x202f;ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ&#x202f;ᠶᠢ ᠰᠠᠶᠢᠵᠢᠷᠠᠭᠤᠯᠬᠤ&#x202f;ᠳᠤ ᠬᠡᠷᠡᠭᠯᠡᠭᠳᠡᠨ᠎ᠡ᠃</translation>
    </message>
    <message>
        <source>您对本次服务满意吗？</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠ ᠡᠨᠡ ᠤᠳᠠᠭᠠᠨ&#x202f;ᠤ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ&#x202f;ᠳᠦ ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ ᠤᠤ?</translation>
    </message>
    <message>
        <source>可选：您想评价哪些方面？（可多选）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠣᠩᠭᠣᠬᠤ ᠪᠣᠯᠤᠨ᠎ᠠ᠄ ᠶᠠᠮᠠᠷ ᠲᠠᠯ&#x202f;ᠢ ᠦᠨᠡᠯᠡᠬᠦ ᠪᠤᠢ? (ᠣᠯᠠᠨ&#x202f;ᠢ ᠰᠣᠩᠭᠣᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ)</translation>
    </message>
    <message>
        <source>评价自愿，不记录您的身份信息</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠯᠡᠯᠲᠡ ᠰᠠᠶᠢᠨ ᠳᠤᠷ᠎ᠠ ᠪᠠᠷ᠂ ᠲᠠᠨ&#x202f;ᠤ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ&#x202f;ᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠬᠦ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>正在提交，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰᠢᠶᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>重新提交</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠬᠢᠨ ᠲᠤᠰᠢᠶᠠᠬᠤ</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠯᠡᠯᠲᠡ ᠲᠤᠰᠢᠶᠠᠬᠤ</translation>
    </message>
    <message>
        <source>跳过</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠯᠭᠤᠰᠤᠬᠤ</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠡᠷᠢᠭᠦᠨ ᠨᠢᠭᠤᠷ&#x202f;ᠲᠤ ᠪᠤᠴᠠᠬᠤ</translation>
    </message>
    <message>
        <source>办不成事反映</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠡᠶᠢᠯᠦᠭᠰᠡᠨ ᠦᠭᠡᠢ ᠬᠡᠷᠡᠭ&#x202f;ᠢ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ</translation>
    </message>
    <message>
        <source>请选择您要反映的问题类型</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠠᠰᠠᠭᠤᠳᠠᠯ&#x202f;ᠤᠨ ᠲᠥᠷᠥᠯ&#x202f;ᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请选择常见问题，也可以输入您要反映的事项</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠭᠡᠮᠡᠯ ᠠᠰᠠᠭᠤᠳᠠᠯ&#x202f;ᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠂ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠬᠡᠷᠡᠭ&#x202f;ᠢᠶᠡᠨ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠠᠰᠠ ᠪᠣᠯᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>请输入联系电话，工作人员将回电答复</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ&#x202f;ᠪᠠᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤᠲᠠᠰᠤᠳᠠᠵᠤ ᠬᠠᠷᠢᠭᠤ ᠥᠭᠭᠦᠨ᠎ᠡ᠃</translation>
    </message>
    <message>
        <source>如与某个办件有关，请输入办件编号，也可以跳过</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠲᠡᠢ ᠬᠠᠮᠢᠶᠠᠲᠠᠢ ᠪᠣᠯ ᠳᠤᠭᠠᠷ&#x202f;ᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠂ ᠠᠯᠭᠤᠰᠤᠵᠤ ᠪᠠᠰᠠ ᠪᠣᠯᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>请核对您的反映内容，确认后提交</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠡᠳᠡᠭᠦᠯᠦᠯ&#x202f;ᠢᠶᠡᠨ ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠪᠠᠲᠤᠯᠠᠭᠠᠳ ᠲᠤᠰᠢᠶᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>已提交，您的反映已受理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰᠢᠶᠠᠪᠠ᠂ ᠲᠠᠨ&#x202f;ᠤ ᠮᠡᠳᠡᠭᠦᠯᠦᠯ&#x202f;ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠪᠠ᠃</translation>
    </message>
    <message>
        <source>暂时无法提交，请稍后重试或到人工窗口反映</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠷ ᠲᠤᠰᠢᠶᠠᠵᠤ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠬᠣᠶᠢᠨ᠎ᠠ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>上一步</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠮᠦᠨᠡᠬᠢ ᠠᠯᠬᠤᠮ</translation>
    </message>
    <message>
        <source>不填，跳过</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠭᠦᠯᠡᠬᠦ ᠦᠭᠡᠢ᠂ ᠠᠯᠭᠤᠰᠤᠬᠤ</translation>
    </message>
    <message>
        <source>下一步</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠷᠠᠭᠠᠴᠢ ᠠᠯᠬᠤᠮ</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠲᠤᠯᠠᠵᠤ ᠲᠤᠰᠢᠶᠠᠬᠤ</translation>
    </message>
    <message>
        <source>第%1步，共%2步</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠶᠢᠲᠡ %2 ᠠᠯᠬᠤᠮ&#x202f;ᠤᠨ %1 ᠳᠦᠭᠡᠷ</translation>
    </message>
    <message>
        <source>联系电话（手机号码，或带区号的固定电话）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ (ᠭᠠᠷ ᠤᠲᠠᠰᠤ ᠪᠤᠶᠤ ᠪᠦᠰᠡ&#x202f;ᠶᠢᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠲᠠᠢ ᠰᠠᠭᠤᠷᠢ ᠤᠲᠠᠰᠤ)</translation>
    </message>
    <message>
        <source>办件编号（可不填）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ (ᠪᠦᠭᠦᠯᠡᠬᠦ ᠦᠭᠡᠢ ᠴᠦ ᠪᠣᠯᠤᠨ᠎ᠠ)</translation>
    </message>
    <message>
        <source>补充说明（可不填）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠮᠡᠯᠲᠡ ᠲᠠᠢᠯᠪᠤᠷᠢ (ᠪᠦᠭᠦᠯᠡᠬᠦ ᠦᠭᠡᠢ ᠴᠦ ᠪᠣᠯᠤᠨ᠎ᠠ)</translation>
    </message>
    <message>
        <source>也可以在此输入（点击后弹出键盘，支持拼音）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠳᠡ ᠪᠠᠰᠠ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ (ᠳᠠᠷᠤᠪᠠᠯ ᠳᠠᠷᠤᠭᠤᠯ ᠭᠠᠷᠴᠤ ᠢᠷᠡᠨ᠎ᠡ᠂ ᠫᠢᠨᠶᠢᠨ ᠪᠣᠯᠤᠨ᠎ᠠ)</translation>
    </message>
    <message>
        <source>反映事项</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠬᠡᠷᠡᠭ</translation>
    </message>
    <message>
        <source>本次查询过的办件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠤᠳᠠᠭ᠎ᠠ ᠯᠠᠪᠯᠠᠭᠰᠠᠨ ᠬᠡᠷᠡᠭ</translation>
    </message>
    <message>
        <source>问题类型</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠰᠠᠭᠤᠳᠠᠯ&#x202f;ᠤᠨ ᠲᠥᠷᠥᠯ</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ</translation>
    </message>
    <message>
        <source>相关办件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠮᠢᠶᠠᠷᠠᠯᠲᠠᠢ ᠬᠡᠷᠡᠭ</translation>
    </message>
    <message>
        <source>未填写</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠭᠦᠯᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>投诉电话：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠣᠮᠳᠠᠯ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠤᠲᠠᠰᠤ᠄ %1</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯ&#x202f;ᠤᠨ ᠪᠢᠴᠢᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ</translation>
    </message>
    <message>
        <source>我们将在1个工作日内答复（按国家法定工作日计算），并致电您留下的号码</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>1 ᠠᠵᠢᠯ&#x202f;ᠤᠨ ᠡᠳᠦᠷ&#x202f;ᠲᠦ ᠬᠠᠷᠢᠭᠤ ᠥᠭᠭᠦᠨ᠎ᠡ (ᠤᠯᠤᠰ&#x202f;ᠤᠨ ᠠᠵᠢᠯ&#x202f;ᠤᠨ ᠡᠳᠦᠷ&#x202f;ᠢᠶᠡᠷ ᠪᠣᠳᠣᠨ᠎ᠠ)᠂ ᠲᠠᠨ&#x202f;ᠤ ᠦᠯᠡᠳᠡᠭᠡᠭᠰᠡᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠲᠤ ᠤᠲᠠᠰᠤᠳᠠᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>正在打印回执，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>回执已打印，请取走并保管好工单编号</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠭᠳᠡᠪᠡ᠂ ᠠᠪᠤᠭᠠᠳ ᠠᠵᠢᠯ&#x202f;ᠤᠨ ᠪᠢᠴᠢᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠢᠶᠠᠨ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>回执未能打印，请记下工单编号</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯ&#x202f;ᠤᠨ ᠪᠢᠴᠢᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠢᠶᠠᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>重新打印回执</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠳᠠᠬᠢᠨ ᠬᠡᠪᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠠᠰᠢ ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>满意</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠳᠦᠰᠦᠨ&#x202f;ᠳᠦ ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>不满意</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠠᠰᠢ ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>效率</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠷ᠎ᠡ ᠪᠦᠲᠦᠮᠵᠢ</translation>
    </message>
    <message>
        <source>态度</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠨᠳᠤᠯᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>办事指南准确</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠢᠭᠠᠪᠤᠷᠢ ᠣᠨᠣᠪᠴᠢᠲᠠᠢ</translation>
    </message>
    <message>
        <source>操作便利</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠯᠠᠭᠤᠯᠬᠤ ᠳᠥᠭᠥᠮ</translation>
    </message>
    <message>
        <source>办不成事</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠵᠦ ᠳᠡᠶᠢᠯᠦᠭᠰᠡᠨ ᠦᠭᠡᠢ ᠬᠡᠷᠡᠭ</translation>
    </message>
    <message>
        <source>蜗牛办事</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠳᠠᠭᠠᠨ ᠪᠦᠲᠦᠭᠡᠯᠲᠡ</translation>
    </message>
    <message>
        <source>投诉</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠣᠮᠳᠠᠯ</translation>
    </message>
    <message>
        <source>建议</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠠᠨᠠᠯ</translation>
    </message>
    <message>
        <source>其他</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠤᠰᠤᠳ</translation>
    </message>
    <message>
        <source>想办的事没办成</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠰᠡᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>办事慢、拖延</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠳᠠᠭᠠᠨ᠂ ᠴᠠᠭ ᠬᠣᠵᠢᠮᠳᠠᠭᠤᠯᠤᠭᠰᠠᠨ</translation>
    </message>
    <message>
        <source>对服务或人员不满</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ᠎ᠳᠤ ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>改进服务的想法</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ&#x202f;ᠶᠢ ᠰᠠᠶᠢᠵᠢᠷᠠᠭᠤᠯᠬᠤ ᠰᠠᠨᠠᠯ</translation>
    </message>
    <message>
        <source>其他问题</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠤᠰᠤᠳ ᠠᠰᠠᠭᠤᠳᠠᠯ</translation>
    </message>
    <message>
        <source>材料反复补正，多次跑腿</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ&#x202f;ᠶᠢ ᠳᠠᠬᠢᠨ ᠳᠠᠬᠢᠨ ᠨᠥᠬᠥᠵᠦ᠂ ᠣᠯᠠᠨ ᠤᠳᠠᠭ᠎ᠠ ᠢᠷᠡᠭᠰᠡᠨ</translation>
    </message>
    <message>
        <source>排队等候时间过长</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠭᠦᠷᠭᠡ ᠳᠦ ᠬᠡᠳᠦ ᠤᠳᠠᠭᠠᠨ ᠬᠦᠯᠢᠶᠡᠭᠰᠡᠨ</translation>
    </message>
    <message>
        <source>超过承诺时限仍未办结</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠠᠯᠠᠭᠰᠠᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠥᠩᠭᠡᠷᠡᠪᠡᠴᠦ ᠪᠦᠲᠦᠭᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>工作人员服务态度差</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠬᠠᠨᠳᠤᠯᠭ᠎ᠠ ᠮᠠᠭᠤ</translation>
    </message>
    <message>
        <source>网上可办却要求到现场</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠦᠯᠵᠢᠶᠡᠨ&#x202f;ᠳᠦ ᠪᠦᠲᠦᠭᠡᠵᠦ ᠪᠣᠯᠬᠤ ᠪᠠᠶᠢᠲᠠᠯ᠎ᠠ ᠢᠷᠡᠭᠦᠯᠦᠭᠰᠡᠨ</translation>
    </message>
    <message>
        <source>自助终端无法正常使用</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠬᠦ ᠮᠠᠱᠢᠨ ᠬᠡᠪ{N}ᠦᠨ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>办事指南与实际要求不一致</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠢᠭᠠᠪᠤᠷᠢ ᠪᠣᠳᠠᠲᠤ ᠱᠠᠭᠠᠷᠳᠠᠯᠭ᠎ᠠ&#x202f;ᠲᠠᠢ ᠵᠥᠷᠢᠴᠡᠯᠳᠦᠪᠡ</translation>
    </message>
    <message>
        <source>请先选择一个满意程度</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠷᠢᠳᠠ ᠰᠡᠳᠬᠢᠯ ᠬᠠᠩᠭᠤᠨ᠎ᠠ&#x202f;ᠶᠢᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>暂时无法提交：终端与服务中心的连接中断。您填写的内容仍在本页，可稍后重试，或到人工窗口反映</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠷ ᠲᠤᠰᠢᠶᠠᠵᠤ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠄ ᠮᠠᠱᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ&#x202f;ᠶᠢᠨ ᠲᠥᠪ&#x202f;ᠲᠡᠢ ᠬᠣᠯᠪᠣᠭ᠎ᠠ ᠲᠠᠰᠤᠷᠠᠪᠠ᠃ ᠲᠠᠨ&#x202f;ᠤ ᠪᠢᠴᠢᠭᠰᠡᠨ ᠵᠦᠢᠯ ᠡᠨᠡ ᠨᠢᠭᠤᠷ&#x202f;ᠲᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠬᠣᠶᠢᠨ᠎ᠠ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>本终端未能提交，请到人工窗口反映</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠲᠤᠰᠢᠶᠠᠵᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>本终端暂不能受理反映，请到人工窗口或拨打投诉电话</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠲᠦᠷ ᠮᠡᠳᠡᠭᠦᠯᠦᠯ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠴᠤ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠬᠤ ᠪᠤᠶᠤ ᠭᠣᠮᠳᠠᠯ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠤᠲᠠᠰᠤ&#x202f;ᠳᠤ ᠶᠠᠷᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请选择常见问题，或输入您要反映的事项</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠭᠡᠮᠡᠯ ᠠᠰᠠᠭᠤᠳᠠᠯ&#x202f;ᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠮᠡᠳᠡᠭᠦᠯᠬᠦ ᠬᠡᠷᠡᠭ&#x202f;ᠢᠶᠡᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>反映事项请控制在300字以内</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>300 ᠦᠰᠦᠭ&#x202f;ᠡᠴᠡ ᠬᠡᠲᠦᠷᠡᠭᠦᠯᠬᠦ ᠦᠭᠡᠢ ᠪᠠᠶᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请输入联系电话，以便工作人员回复您</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ ᠬᠠᠷᠢᠭᠤ ᠥᠭᠭᠦᠬᠦ&#x202f;ᠶᠢᠨ ᠲᠤᠯᠠᠭ᠎ᠠ ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ&#x202f;ᠪᠠᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>手机号码应为11位，以13至19开头，请核对后重新输入</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠠᠷ ᠤᠲᠠᠰᠤᠨ&#x202f;ᠤ ᠳᠤᠭᠠᠷ 11 ᠣᠷᠣᠨᠲᠤ᠂ 13 ᠠᠴᠠ 19 ᠭᠡᠵᠦ ᠡᠬᠢᠯᠡᠨ᠎ᠡ᠂ ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>固定电话请加区号，例如0482开头</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠠᠭᠤᠷᠢ ᠤᠲᠠᠰᠤ&#x202f;ᠨᠳᠤ ᠪᠦᠰᠡ&#x202f;ᠶᠢᠨ ᠳᠤᠭᠠᠷ ᠨᠡᠮᠡᠭᠡᠷᠡᠢ᠂ ᠵᠢᠱᠢᠶᠡᠯᠡᠪᠡᠯ 0482᠃</translation>
    </message>
    <message>
        <source>电话号码有误：请输入11位手机号码，或带区号的固定电话</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠲᠠᠰᠤᠨ&#x202f;ᠤ ᠳᠤᠭᠠᠷ ᠪᠤᠷᠤᠭᠤ᠄ 11 ᠣᠷᠣᠨᠲᠤ ᠭᠠᠷ ᠤᠲᠠᠰᠤ ᠪᠤᠶᠤ ᠪᠦᠰᠡ&#x202f;ᠶᠢᠨ ᠳᠤᠭᠠᠷ&#x202f;ᠲᠠᠢ ᠰᠠᠭᠤᠷᠢ ᠤᠲᠠᠰᠤ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>这是身份证号码，不是办件编号，请勿在此输入</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠪᠣᠯ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ᠂ ᠬᠡᠷᠡᠭ&#x202f;ᠦᠨ ᠳᠤᠭᠠᠷ ᠪᠢᠰᠢ᠂ ᠡᠨᠳᠡ ᠪᠢᠳᠡᠬᠦᠨ ᠣᠷᠣᠭᠤᠯ᠃</translation>
    </message>
    <message>
        <source>%1号格口已打开</source>
        <translation>%1 ᠳᠤᠭᠠᠷ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠭᠳᠡᠪᠡ</translation>
    </message>
    <message>
        <source>取件完成</source>
        <translation>ᠡᠳ ᠢ ᠠᠪᠴᠤ ᠳᠠᠭᠤᠰᠪᠠ</translation>
    </message>
    <message>
        <source>取件物品：%1</source>
        <translation>ᠠᠪᠬᠤ ᠡᠳ᠄ %1</translation>
    </message>
    <message>
        <source>取件码不正确，请核对短信后重新输入</source>
        <translation>ᠠᠪᠬᠤ ᠺᠣᠳ ᠪᠤᠷᠤᠭᠤ᠂ ᠮᠡᠳᠡᠭᠡ ᠪᠡᠨ ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>取件码已印在凭条上，工作人员凭此取出材料</source>
        <translation>ᠺᠣᠳ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠲᠤ ᠬᠡᠪᠯᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠡᠨᠡ ᠪᠡᠷ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢ ᠭᠠᠷᠭᠠᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>取件码已连续输错5次，该件已锁定</source>
        <translation>ᠠᠪᠬᠤ ᠺᠣᠳ ᠢ 5 ᠤᠳᠠᠭ᠎ᠠ ᠳᠠᠷᠠᠯᠠᠨ ᠪᠤᠷᠤᠭᠤ ᠣᠷᠣᠭᠤᠯᠪᠠ᠂ ᠡᠨᠡ ᠡᠳ ᠣᠨᠢᠰᠤᠯᠠᠭᠳᠠᠪᠠ᠃</translation>
    </message>
    <message>
        <source>取件码应为4至12位数字，请核对后重新输入</source>
        <translation>ᠠᠪᠬᠤ ᠺᠣᠳ 4 ᠠᠴᠠ 12 ᠣᠷᠣᠨᠲᠤ ᠲᠣᠭ᠎ᠠ ᠪᠠᠶᠢᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ᠂ ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>取件码（见短信通知）</source>
        <translation>ᠠᠪᠬᠤ ᠺᠣᠳ (ᠭᠠᠷ ᠤᠲᠠᠰᠤᠨ ᠤ ᠮᠡᠳᠡᠭᠡᠨ ᠳᠦ)</translation>
    </message>
    <message>
        <source>受%1委托代领</source>
        <translation>%1 ᠤᠨ ᠢᠯᠡᠭᠡᠮᠵᠢ ᠪᠡᠷ ᠣᠷᠣᠯᠠᠨ ᠠᠪᠤᠪᠠ</translation>
    </message>
    <message>
        <source>完成并退出</source>
        <translation>ᠳᠠᠭᠤᠰᠭᠠᠭᠠᠳ ᠭᠠᠷᠬᠤ</translation>
    </message>
    <message>
        <source>将核对您已放置的身份证</source>
        <translation>ᠲᠠᠨ ᠤ ᠲᠠᠯᠪᠢᠭᠰᠠᠨ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢ ᠰᠢᠨᠵᠢᠯᠡᠨ᠎ᠡ᠃</translation>
    </message>
    <message>
        <source>工作人员取件码：%1</source>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠠᠪᠬᠤ ᠺᠣᠳ᠄ %1</translation>
    </message>
    <message>
        <source>打开格口存放材料</source>
        <translation>ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠵᠦ ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>换一张证件</source>
        <translation>ᠥᠭᠡᠷ᠎ᠡ ᠦᠨᠡᠮᠯᠡᠯ ᠲᠠᠯᠪᠢᠬᠤ</translation>
    </message>
    <message>
        <source>文件柜取件</source>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠡᠴᠡ ᠡᠳ ᠠᠪᠬᠤ</translation>
    </message>
    <message>
        <source>文件柜失去响应，本次开箱已登记，已通知工作人员</source>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠬᠠᠷᠢᠤ ᠦᠭᠡᠢ ᠪᠣᠯᠪᠠ᠂ ᠡᠨᠡ ᠤᠳᠠᠭᠠᠨ ᠤ ᠨᠡᠭᠡᠭᠡᠯᠲᠡ ᠪᠦᠷᠢᠳᠬᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠃</translation>
    </message>
    <message>
        <source>文件柜无响应，已通知工作人员，请到人工窗口办理</source>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠬᠠᠷᠢᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>文件柜暂停使用</source>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>文件柜暂停使用，请到人工窗口办理</source>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>文件柜暂无空格口，请到人工窗口递交材料</source>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠳᠦ ᠬᠣᠭᠣᠰᠣᠨ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠦᠭᠡᠢ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠥᠭᠭᠦᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>本机未配置文件柜</source>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠱᠦᠭᠡᠭᠡ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>材料存放</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>材料已存入格口，但业务系统暂未登记，请告知人工窗口工作人员</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠲᠤ ᠣᠷᠣᠪᠠ᠂ ᠭᠡᠪᠡᠴᠦ ᠰᠢᠰᠲᠧᠮ ᠳᠦ ᠪᠦᠷᠢᠳᠬᠡᠭᠳᠡᠭᠡ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>材料已存放</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠳᠠᠪᠠ</translation>
    </message>
    <message>
        <source>柜门未关闭，本次开箱已登记，已通知工作人员处理</source>
        <translation>ᠡᠭᠦᠳᠡ ᠬᠠᠭᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠡᠨᠡ ᠤᠳᠠᠭᠠᠨ ᠤ ᠨᠡᠭᠡᠭᠡᠯᠲᠡ ᠪᠦᠷᠢᠳᠬᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠃</translation>
    </message>
    <message>
        <source>格口已打开，但业务系统暂未登记取件，请告知人工窗口工作人员</source>
        <translation>ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠭᠳᠡᠪᠡ᠂ ᠭᠡᠪᠡᠴᠦ ᠰᠢᠰᠲᠧᠮ ᠳᠦ ᠪᠦᠷᠢᠳᠬᠡᠭᠳᠡᠭᠡ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠮᠡᠳᠡᠭᠦᠯᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>格口未能打开，已通知工作人员，请到人工窗口办理</source>
        <translation>ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>正在打开格口，请稍候…</source>
        <translation>ᠬᠠᠶᠢᠷᠴᠠᠭ ᠢ ᠨᠡᠭᠡᠭᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>正在核对，请稍候…</source>
        <translation>ᠰᠢᠨᠵᠢᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>正在登记，请稍候…</source>
        <translation>ᠪᠦᠷᠢᠳᠬᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>此证件不是领取人或受托人的证件，不能取件</source>
        <translation>ᠡᠨᠡ ᠦᠨᠡᠮᠯᠡᠯ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠪᠤᠶᠤ ᠢᠯᠡᠭᠡᠮᠵᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠬᠦᠮᠦᠨ ᠦ ᠪᠢᠰᠢ᠂ ᠡᠳ ᠢ ᠠᠪᠴᠤ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>没有可存放材料的办件</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>ᠪᠠᠲᠤᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>确定后请放置领取人或受托人的身份证</source>
        <translation>ᠪᠠᠲᠤᠯᠠᠭᠰᠠᠨ ᠤ ᠳᠠᠷᠠᠭ᠎ᠠ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠪᠤᠶᠤ ᠢᠯᠡᠭᠡᠮᠵᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠬᠦᠮᠦᠨ ᠦ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>确认后将打开一个空格口，请放入材料并关好柜门</source>
        <translation>ᠪᠠᠲᠤᠯᠠᠪᠠᠯ ᠬᠣᠭᠣᠰᠣᠨ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠭᠳᠡᠨ᠎ᠡ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠬᠢᠭᠡᠳ ᠡᠭᠦᠳᠡ ᠶᠢ ᠬᠠᠭᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>该件不在本终端的文件柜中，请到人工窗口领取</source>
        <translation>ᠡᠨᠡ ᠡᠳ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠤ ᠱᠦᠭᠡᠭᠡ ᠳᠦ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>该件已被领取，不能重复开箱；如有疑问请到人工窗口</source>
        <translation>ᠡᠨᠡ ᠡᠳ ᠢ ᠠᠪᠴᠢᠬᠠᠪᠠ᠂ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠢ ᠳᠠᠬᠢᠨ ᠨᠡᠭᠡᠭᠡᠬᠦ ᠦᠭᠡᠢ᠃ ᠠᠰᠠᠭᠤᠬᠤ ᠵᠦᠢᠯ ᠪᠠᠶᠢᠪᠠᠯ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>该办件不在办理中，不能存放材料，请到人工窗口办理</source>
        <translation>ᠡᠨᠡ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠭᠳᠡᠵᠦ ᠪᠠᠶᠢᠬᠤ ᠦᠭᠡᠢ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠵᠤ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请到人工窗口办理：%1</source>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠄ %1</translation>
    </message>
    <message>
        <source>请取出您的物品，并随手关好柜门</source>
        <translation>ᠡᠳ ᠢᠶᠡᠨ ᠠᠪᠤᠭᠠᠳ ᠡᠭᠦᠳᠡ ᠶᠢ ᠬᠠᠭᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请放入材料，并随手关好柜门</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠬᠢᠭᠡᠳ ᠡᠭᠦᠳᠡ ᠶᠢ ᠬᠠᠭᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请放置领取人或受托人的身份证</source>
        <translation>ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠪᠤᠶᠤ ᠢᠯᠡᠭᠡᠮᠵᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠬᠦᠮᠦᠨ ᠦ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请输入办件编号，或使用身份证查询要存放材料的办件</source>
        <translation>ᠬᠡᠷᠡᠭ ᠦᠨ ᠳᠤᠭᠠᠷ ᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠂ ᠪᠤᠶᠤ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢᠶᠡᠷ ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠢᠶᠡᠨ ᠯᠠᠪᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>请输入取件码，然后放置身份证</source>
        <translation>ᠠᠪᠬᠤ ᠺᠣᠳ ᠢᠶᠡᠨ ᠣᠷᠣᠭᠤᠯᠤᠭᠠᠳ᠂ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢᠶᠡᠨ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>身份证阅读器暂停使用</source>
        <translation>ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠤᠩᠰᠢᠭᠴᠢ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>还可输入%1次</source>
        <translation>ᠳᠠᠬᠢᠨ %1 ᠤᠳᠠᠭ᠎ᠠ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>重新输入取件码</source>
        <translation>ᠠᠪᠬᠤ ᠺᠣᠳ ᠢ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠭᠤᠯᠬᠤ</translation>
    </message>
    <message>
        <source>本机暂不受理，请到人工窗口</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>维护密码错误，还可输入%1次</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠰᠠᠪᠤᠷᠢ ᠵᠢᠨ ᠨᠢᠭᠤᠴᠠ ᠺᠣᠳ ᠪᠤᠷᠤᠭᠤ᠂ ᠳᠠᠬᠢᠨ %1 ᠤᠳᠠᠭ᠎ᠠ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>密码连续输错%1次，维护入口已锁定，请%2分钟后再试</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠢᠭᠤᠴᠠ ᠺᠣᠳ ᠢ %1 ᠤᠳᠠᠭ᠎ᠠ ᠳᠠᠷᠠᠯᠠᠨ ᠪᠤᠷᠤᠭᠤ ᠣᠷᠣᠭᠤᠯᠪᠠ᠂ ᠵᠠᠰᠠᠪᠤᠷᠢ ᠵᠢᠨ ᠣᠷᠣᠯᠭ᠎ᠠ ᠣᠨᠢᠰᠤᠯᠠᠭᠳᠠᠪᠠ᠂ %2 ᠮᠢᠨᠦ᠋ᠲ ᠦᠨ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠯᠳᠤᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>本终端未登记技术员，不能进入维护模式</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠲᠧᠭᠨᠢᠭ ᠦᠨ ᠠᠵᠢᠯᠲᠠᠨ ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠵᠠᠰᠠᠪᠤᠷᠢ ᠵᠢᠨ ᠬᠡᠯᠪᠡᠷᠢ ᠳᠦ ᠣᠷᠣᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>此证件未登记为技术员证件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠦᠨᠡᠮᠯᠡᠯ ᠲᠧᠭᠨᠢᠭ ᠦᠨ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠦᠨᠡᠮᠯᠡᠯ ᠪᠣᠯᠵᠤ ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>%1自检通过</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ ᠳᠡᠭᠡᠨ ᠲᠡᠩᠴᠡᠪᠡ</translation>
    </message>
    <message>
        <source>%1自检未通过，见下方结果</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ ᠳᠡᠭᠡᠨ ᠲᠡᠩᠴᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠳᠣᠣᠷᠠᠬᠢ ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠢ ᠦᠵᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>测试页已打印</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠷᠰᠢᠯᠲᠠ ᠶᠢᠨ ᠨᠢᠭᠤᠷ ᠬᠡᠪᠯᠡᠭᠳᠡᠪᠡ</translation>
    </message>
    <message>
        <source>测试页未能打印：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠷᠰᠢᠯᠲᠠ ᠶᠢᠨ ᠨᠢᠭᠤᠷ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠄ %1</translation>
    </message>
    <message>
        <source>%1号格口已打开，已记入开箱记录</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠳᠤᠭᠠᠷ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠭᠳᠡᠪᠡ᠂ ᠨᠡᠭᠡᠭᠡᠭᠰᠡᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠳᠦ ᠣᠷᠣᠭᠤᠯᠪᠠ</translation>
    </message>
    <message>
        <source>%1号格口未能打开：%2</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠳᠤᠭᠠᠷ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠄ %2</translation>
    </message>
    <message>
        <source>已确认更换%1，已报告大厅</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠢ ᠰᠣᠯᠢᠭᠰᠠᠨ ᠢ ᠪᠠᠲᠤᠯᠠᠪᠠ᠂ ᠲᠠᠩᠬᠢᠮ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ</translation>
    </message>
    <message>
        <source>已确认更换%1，但未能报告大厅（监控程序未连接）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠢ ᠰᠣᠯᠢᠭᠰᠠᠨ ᠢ ᠪᠠᠲᠤᠯᠠᠪᠠ᠂ ᠭᠡᠪᠡᠴᠦ ᠲᠠᠩᠬᠢᠮ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ (ᠬᠢᠨᠠᠯᠲᠠ ᠶᠢᠨ ᠫᠡᠷᠦᠭᠷᠡᠮ ᠬᠣᠯᠪᠣᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ)</translation>
    </message>
    <message>
        <source>凭条打印机</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠤᠨ ᠬᠡᠪᠯᠡᠭᠦᠷ</translation>
    </message>
    <message>
        <source>身份证阅读器</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠤᠩᠰᠢᠭᠴᠢ</translation>
    </message>
    <message>
        <source>摄像头</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠺᠠᠮᠧᠷ</translation>
    </message>
    <message>
        <source>智能文件柜</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠬᠠᠭᠠᠨ ᠤ ᠱᠦᠭᠡᠭᠡ</translation>
    </message>
    <message>
        <source>正常</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪ ᠦᠨ</translation>
    </message>
    <message>
        <source>忙</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠯᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>离线</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠡᠴᠡ ᠰᠠᠯᠤᠭᠰᠠᠨ</translation>
    </message>
    <message>
        <source>硬件故障</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠣᠨᠣᠭ ᠤᠨ ᠭᠡᠮᠲᠡᠯ</translation>
    </message>
    <message>
        <source>需要处理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ ᠬᠡᠷᠡᠭᠲᠡᠢ</translation>
    </message>
    <message>
        <source>未连接</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠣᠯᠪᠣᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>未通电</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠴᠠᠬᠢᠯᠭᠠᠨ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>未知</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠡᠳᠡᠭᠳᠡᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>凭条纸卷</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠤᠨ ᠴᠠᠭᠠᠰᠤ ᠪᠣᠭᠤᠯᠳᠠᠭ</translation>
    </message>
    <message>
        <source>流水纸卷</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠦᠨ ᠴᠠᠭᠠᠰᠤ ᠪᠣᠭᠤᠯᠳᠠᠭ</translation>
    </message>
    <message>
        <source>维护模式</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠰᠠᠪᠤᠷᠢ ᠵᠢᠨ ᠬᠡᠯᠪᠡᠷᠢ</translation>
    </message>
    <message>
        <source>退出维护</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠰᠠᠪᠤᠷᠢ ᠠᠴᠠ ᠭᠠᠷᠬᠤ</translation>
    </message>
    <message>
        <source>取消</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠬᠡᠢᠰᠭᠡᠬᠦ</translation>
    </message>
    <message>
        <source>维护中：本终端已暂停对外服务，退出维护或%1分钟无操作后恢复服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠰᠠᠪᠤᠷᠢ ᠳᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠄ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠤ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ᠂ ᠵᠠᠰᠠᠪᠤᠷᠢ ᠠᠴᠠ ᠭᠠᠷᠬᠤ ᠪᠤᠶᠤ %1 ᠮᠢᠨᠦ᠋ᠲ ᠬᠥᠳᠡᠯᠭᠡᠭᠡᠨ ᠦᠭᠡᠢ ᠪᠣᠯ ᠳᠠᠬᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠨ᠎ᠡ</translation>
    </message>
    <message>
        <source>请输入维护密码，或放置技术员证件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠰᠠᠪᠤᠷᠢ ᠵᠢᠨ ᠨᠢᠭᠤᠴᠠ ᠺᠣᠳ ᠢ ᠣᠷᠣᠭᠤᠯᠬᠤ ᠪᠤᠶᠤ ᠲᠧᠭᠨᠢᠭ ᠦᠨ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠦᠨᠡᠮᠯᠡᠯ ᠢ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>进入维护</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠰᠠᠪᠤᠷᠢ ᠳᠤ ᠣᠷᠣᠬᠤ</translation>
    </message>
    <message>
        <source>正在执行，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠦᠢᠴᠡᠳᠬᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>设备状态与自检</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠣᠨᠣᠭ ᠤᠨ ᠪᠠᠶᠢᠳᠠᠯ ᠪᠠ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ</translation>
    </message>
    <message>
        <source>自检通过（%1秒）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ ᠲᠡᠩᠴᠡᠪᠡ (%1 ᠰᠸᠺᠦ᠋ᠨ᠋ᠳ᠋)</translation>
    </message>
    <message>
        <source>自检未通过（%1秒）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ ᠲᠡᠩᠴᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ (%1 ᠰᠸᠺᠦ᠋ᠨ᠋ᠳ᠋)</translation>
    </message>
    <message>
        <source>自检中…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠢᠴᠠᠭᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>自检</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠪᠠᠢᠴᠠᠭᠠᠯᠲᠠ</translation>
    </message>
    <message>
        <source>打印机</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠭᠦᠷ</translation>
    </message>
    <message>
        <source>打印测试页</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠷᠰᠢᠯᠲᠠ ᠶᠢᠨ ᠨᠢᠭᠤᠷ ᠬᠡᠪᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>打开文件柜格口（维护）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠱᠦᠭᠡᠭᠡ ᠶᠢᠨ ᠬᠠᠶᠢᠷᠴᠠᠭ ᠨᠡᠭᠡᠭᠡᠬᠦ (ᠵᠠᠰᠠᠪᠤᠷᠢ)</translation>
    </message>
    <message>
        <source>门开</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠭᠦᠳᠡ ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠢ</translation>
    </message>
    <message>
        <source>卡住</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠪᠴᠢᠭᠳᠠᠪᠠ</translation>
    </message>
    <message>
        <source>有物</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠳ ᠪᠠᠶᠢᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>本终端未处理的故障</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠤ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠭᠳᠡᠭᠡᠳᠦᠢ ᠭᠡᠮᠲᠡᠯ</translation>
    </message>
    <message>
        <source>刷新</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠨᠡᠴᠢᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>正在向大厅查询…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠩᠬᠢᠮ ᠠᠴᠠ ᠯᠠᠪᠯᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>无法连接大厅服务器，暂时看不到故障单</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠩᠬᠢᠮ ᠤᠨ ᠰᠧᠷᠸᠧᠷ ᠲᠦ ᠬᠣᠯᠪᠣᠭᠳᠠᠵᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠭᠡᠮᠲᠡᠯ ᠢ ᠲᠦᠷ ᠦᠵᠡᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>未配置大厅服务器地址，看不到故障单</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠩᠬᠢᠮ ᠤᠨ ᠰᠧᠷᠸᠧᠷ ᠦᠨ ᠬᠠᠶᠢᠭ ᠲᠣᠬᠢᠷᠠᠭᠤᠯᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠭᠡᠮᠲᠡᠯ ᠢ ᠦᠵᠡᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>没有未处理的故障</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠭᠳᠡᠭᠡᠳᠦᠢ ᠭᠡᠮᠲᠡᠯ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>确认已装好新的流水纸卷</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠨ᠎ᠡ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠦᠨ ᠴᠠᠭᠠᠰᠤ ᠪᠣᠭᠤᠯᠳᠠᠭ ᠲᠣᠭᠤᠰᠤᠭᠰᠠᠨ ᠢ ᠪᠠᠲᠤᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>确认已装好新的凭条纸卷</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠨ᠎ᠡ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠤᠨ ᠴᠠᠭᠠᠰᠤ ᠪᠣᠭᠤᠯᠳᠠᠭ ᠲᠣᠭᠤᠰᠤᠭᠰᠠᠨ ᠢ ᠪᠠᠲᠤᠯᠠᠬᠤ</translation>
    </message>
    <!-- the printed slips' Mongolian lines (drivers/printer/templates, docs/mongolian-slips.md) -->
    <message>
        <source>反映受理回执</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠡᠳᠡᠭᠦᠯᠦᠯ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ</translation>
    </message>
    <message>
        <source>查询进度请凭工单编号拨打：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯ ᠤᠨ ᠪᠢᠴᠢᠭ ᠦᠨ ᠳᠤᠭᠠᠷ ᠢᠶᠠᠷ ᠶᠠᠪᠤᠴᠠ ᠶᠢ ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ᠄ %1</translation>
    </message>
    <message>
        <source>材料存放凭条</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠰᠠᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ</translation>
    </message>
    <message>
        <source>材料已存入文件柜，工作人员取出后将按办件流程处理。请保留本凭条；如有疑问请联系大厅工作人员，电话：%1。</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠱᠦᠭᠡᠭᠡ ᠳᠦ ᠣᠷᠣᠪᠠ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠭᠠᠷᠭᠠᠭᠠᠳ ᠬᠡᠷᠡᠭ ᠦᠨ ᠶᠠᠪᠤᠴᠠ ᠪᠡᠷ ᠪᠦᠲᠦᠭᠡᠨ᠎ᠡ᠃ ᠡᠨᠡ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠢ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠠᠷᠠᠢ᠂ ᠠᠰᠠᠭᠤᠯᠲᠠ ᠪᠠᠶᠢᠪᠠᠯ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠬᠠᠨᠳᠤᠭᠠᠷᠠᠢ᠂ ᠤᠲᠠᠰᠤ᠄ %1᠃</translation>
    </message>
    <message>
        <source>取件凭条</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠳ ᠠᠪᠤᠭᠰᠠᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ</translation>
    </message>
    <message>
        <source>请当场核对证件信息。如有疑问请联系大厅工作人员，电话：%1。</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠨᠡᠮᠯᠡᠯ ᠦᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠢ ᠲᠡᠷᠡ ᠳᠠᠷᠤᠢ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ᠃ ᠠᠰᠠᠭᠤᠯᠲᠠ ᠪᠠᠶᠢᠪᠠᠯ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠬᠠᠨᠳᠤᠭᠠᠷᠠᠢ᠂ ᠤᠲᠠᠰᠤ᠄ %1᠃</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠢᠭᠡ ᠤᠳᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠪᠢᠴᠢᠭ</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠰᠦᠯᠲᠡ ᠶᠢᠨ ᠪᠠᠷᠢᠮᠲᠠ</translation>
    </message>
    <message>
        <source>收费标准</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠤᠷᠢᠶᠠᠮᠵᠢ ᠶᠢᠨ ᠬᠡᠮᠵᠢᠶ᠎ᠡ</translation>
    </message>
    <message>
        <source>不予受理理由</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠦᠭᠡᠢ ᠰᠢᠯᠲᠠᠭᠠᠨ</translation>
    </message>
    <message>
        <source>扫码查看办事指南</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠺᠣᠳ ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ ᠶᠢ ᠦᠵᠡᠬᠦ</translation>
    </message>
    <message>
        <source>监督投诉：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠢᠨᠠᠨ ᠬᠢᠶᠠᠭᠤᠯᠬᠤ ᠪᠠ ᠭᠣᠮᠳᠠᠯ᠄ %1</translation>
    </message>
    <message>
        <source>办件进度凭条</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠷᠡᠭ ᠦᠨ ᠶᠠᠪᠤᠴᠠ ᠶᠢᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ</translation>
    </message>
    <message>
        <source>扫码随时查询进度</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠺᠣᠳ ᠢ ᠱᠢᠷᠪᠢᠵᠦ ᠶᠠᠪᠤᠴᠠ ᠶᠢ ᠬᠡᠵᠢᠶ᠎ᠡ ᠴᠦ ᠦᠵᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ</translation>
    </message>
    <!-- A4 printing (kiosk/qml/Zizhu/A4*.qml) -->
    <message>
        <source>表格和证明打印</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠰᠦᠨᠦᠭ ᠪᠠ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ ᠬᠡᠪᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>请选择要打印的表格或证明</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠬᠦ ᠬᠦᠰᠦᠨᠦᠭ ᠪᠤᠶᠤ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ&#x202f;ᠶᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>正在打印，请稍候</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>打印完成，请在A4出纸口取走文件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠵᠦ ᠳᠠᠭᠤᠰᠪᠠ᠂ A4 ᠴᠠᠭᠠᠰᠤ ᠭᠠᠷᠬᠤ ᠠᠮ&#x202f;ᠠᠴᠠ ᠪᠢᠴᠢᠭ&#x202f;ᠢᠶᠡᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>人工窗口：%1；咨询电话：%2</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ᠄ %1᠂ ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ᠄ %2</translation>
    </message>
    <message>
        <source>打印空白表格（自助打表）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠣᠭᠣᠰᠣᠨ ᠬᠦᠰᠦᠨᠦᠭ ᠬᠡᠪᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>申请表等空白表格，打印后手工填写，免费</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠦᠰᠦᠯᠲᠡ&#x202f;ᠶᠢᠨ ᠬᠦᠰᠦᠨᠦᠭ ᠵᠡᠷᠭᠡ ᠬᠣᠭᠣᠰᠣᠨ ᠬᠦᠰᠦᠨᠦᠭ᠂ ᠬᠡᠪᠯᠡᠭᠡᠳ ᠭᠠᠷ&#x202f;ᠢᠶᠠᠷ ᠪᠥᠭᠡᠯᠡᠨ᠎ᠡ᠂ ᠦᠨ᠎ᠡ ᠲᠥᠯᠦᠪᠦᠷᠢ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>打印证明（需读取身份证）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ ᠬᠡᠪᠯᠡᠬᠦ (ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠬᠡᠷᠡᠭᠲᠡᠢ)</translation>
    </message>
    <message>
        <source>社保参保证明、户籍证明，带防伪验证码；打印后本机不保存</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠶᠢᠭᠡᠮ&#x202f;ᠦᠨ ᠳᠠᠭᠠᠲᠭᠠᠯ&#x202f;ᠤᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ᠂ ᠭᠡᠷ ᠪᠦᠷᠢᠳᠭᠡᠯ&#x202f;ᠦᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ᠂ ᠪᠠᠲᠤᠯᠠᠬᠤ ᠺᠣᠳ ᠲᠠᠢ᠁ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>正在生成文件，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠢᠴᠢᠭ&#x202f;ᠢ ᠪᠡᠯᠡᠳᠬᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>请选择要打印的表格</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠬᠦ ᠬᠦᠰᠦᠨᠦᠭ&#x202f;ᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请选择要打印的证明</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠬᠦ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ&#x202f;ᠶᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>本机不保存打印的文件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠬᠡᠪᠯᠡᠭᠰᠡᠨ ᠪᠢᠴᠢᠭ ᠢ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>请稍候，不要离开</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ᠂ ᠪᠦᠦ ᠶᠠᠪᠤᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>A4打印机缺纸，未能打印。已通知工作人员，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ&#x202f;ᠤᠨ ᠴᠠᠭᠠᠰᠤ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印机卡纸，未能打印。已通知工作人员，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ&#x202f;ᠲᠤ ᠴᠠᠭᠠᠰᠤ ᠬᠠᠪᠴᠢᠭᠳᠠᠪᠠ᠂ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印机盖门未关好，未能打印。请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ&#x202f;ᠦᠨ ᠬᠠᠭᠠᠯᠭ᠎ᠠ ᠬᠠᠭᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印机墨粉用完，未能打印。请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ&#x202f;ᠦᠨ ᠪᠡᠬᠡ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印暂停服务，未能打印。请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠯ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ᠂ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印机无响应，未能打印。请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ ᠬᠠᠷᠢᠤ ᠦᠭᠡᠢ᠂ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>本机A4打印机不可用，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ&#x202f;ᠤ A4 ᠬᠡᠪᠯᠡᠭᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印机暂停使用，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>打印超时，文件可能未打印完整，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠯ&#x202f;ᠦᠨ ᠴᠠᠭ ᠬᠡᠲᠦᠷᠡᠪᠡ᠂ ᠪᠢᠴᠢᠭ ᠪᠦᠷᠢᠨ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠡ ᠦᠭᠡᠢ ᠪᠠᠶᠢᠵᠤ ᠮᠡᠳᠡᠨ᠎ᠡ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>未能打印，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>打印结果未知，请查看A4出纸口；如未打印，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠭᠰᠡᠨ ᠡᠰᠡᠬ&#x202f;ᠢ ᠮᠡᠳᠡᠬᠦ ᠦᠭᠡᠢ᠂ A4 ᠴᠠᠭᠠᠰᠤ ᠭᠠᠷᠬᠤ ᠠᠮ&#x202f;ᠢ ᠦᠵᠡᠭᠡᠷᠡᠢ᠁ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠡ ᠦᠭᠡᠢ ᠪᠣᠯ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>文件生成失败，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠪᠢᠴᠢᠭ&#x202f;ᠢ ᠪᠡᠯᠡᠳᠬᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>打印证明需要读取身份证，身份证阅读器暂停使用，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ ᠬᠡᠪᠯᠡᠬᠦ&#x202f;ᠳᠦ ᠪᠡᠶ᠎ᠡ&#x202f;ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠤᠩᠰᠢᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ᠂ ᠤᠩᠰᠢᠭᠴᠢ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>本机暂无可打印的表格，请到人工窗口领取</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ&#x202f;ᠳᠤ ᠬᠡᠪᠯᠡᠬᠦ ᠬᠦᠰᠦᠨᠦᠭ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>本机暂不提供证明打印，请到人工窗口办理</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ ᠬᠡᠪᠯᠡᠬᠦ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到您的社会保险参保记录，请到社保窗口咨询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ&#x202f;ᠤ ᠨᠡᠶᠢᠭᠡᠮ&#x202f;ᠦᠨ ᠳᠠᠭᠠᠲᠭᠠᠯ&#x202f;ᠤᠨ ᠪᠦᠷᠢᠳᠭᠡᠯ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠨᠡᠶᠢᠭᠡᠮ&#x202f;ᠦᠨ ᠳᠠᠭᠠᠲᠭᠠᠯ&#x202f;ᠤᠨ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠯᠠᠪᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到您在本地的户籍登记，请到户籍窗口咨询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ&#x202f;ᠤ ᠡᠨᠳᠡᠬᠢ ᠭᠡᠷ ᠪᠦᠷᠢᠳᠭᠡᠯ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠭᠡᠷ ᠪᠦᠷᠢᠳᠭᠡᠯ&#x202f;ᠦᠨ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠯᠠᠪᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到可出具证明的记录，请到人工窗口咨询</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠦ ᠪᠦᠷᠢᠳᠭᠡᠯ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ&#x202f;ᠤ ᠴᠣᠨᠬᠣ&#x202f;ᠳᠤ ᠯᠠᠪᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>A4打印机缺纸，暂停使用</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ&#x202f;ᠤᠨ ᠴᠠᠭᠠᠰᠤ ᠳᠠᠭᠤᠰᠪᠠ</translation>
    </message>
    <message>
        <source>A4打印暂停服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠯ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ</translation>
    </message>
    <message>
        <source>A4打印机暂停使用</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>本机不能打印A4文件</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠮᠠᠱᠢᠨ A4 ᠪᠢᠴᠢᠭ ᠬᠡᠪᠯᠡᠵᠦ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>A4打印机缺纸，正在等待…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ&#x202f;ᠤᠨ ᠴᠠᠭᠠᠰᠤ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>打印队列已停止，正在等待…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠯ&#x202f;ᠦᠨ ᠡᠨᠡᠭᠡ ᠵᠣᠭᠰᠣᠪᠠ᠂ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>A4打印机无响应，正在等待…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>A4 ᠬᠡᠪᠯᠡᠭᠦᠷ ᠬᠠᠷᠢᠤ ᠦᠭᠡᠢ᠂ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>打印机暂停，正在等待…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠡᠪᠯᠡᠭᠦᠷ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ᠂ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <!-- free mailing, 政务专递 (kiosk/qml/Zizhu/Mailing*.qml, CasePage, CapturePage, HomePage; templates/mailing.toml) -->
    <message>
        <source>邮寄送达（政务专递，免费）</source>
        <translation>ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠢ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠬᠦ (ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ)</translation>
    </message>
    <message>
        <source>办结后免费邮寄结果（政务专递）</source>
        <translation>ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠢ ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠬᠦ</translation>
    </message>
    <message>
        <source>政务专递申请回执</source>
        <translation>ᠵᠠᠰᠠᠭ ᠤᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠰᠢᠦᠳᠠᠨ ᠦ ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠶᠢᠨ ᠪᠠᠷᠢᠮᠲᠠ</translation>
    </message>
    <message>
        <source>免费邮寄：邮寄费用由政府承担，您无需支付任何费用。</source>
        <translation>ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠰᠢᠦᠳᠠᠨ᠄ ᠰᠢᠦᠳᠠᠨ ᠤ ᠵᠠᠷᠤᠳᠠᠯ ᠢ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠳᠠᠭᠠᠨ᠎ᠠ᠂ ᠲᠠ ᠶᠠᠮᠠᠷ ᠴᠦ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠲᠥᠯᠥᠬᠦ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>政务专递</source>
        <translation>ᠵᠠᠰᠠᠭ ᠤᠨ ᠰᠢᠦᠳᠠᠨ</translation>
    </message>
    <message>
        <source>办件结果可免费邮寄到家，请按提示填写邮寄信息</source>
        <translation>ᠬᠡᠷᠡᠭ ᠦᠨ ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠢ ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠭᠡᠷ ᠲᠦ ᠲᠠᠨ ᠢ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠨ᠎ᠡ᠂ ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠶᠢᠨ ᠳᠠᠭᠠᠤ ᠮᠡᠳᠡᠭᠡ ᠪᠡᠨ ᠪᠢᠴᠢᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>请将申请人本人的身份证放在读卡区</source>
        <translation>ᠭᠤᠶᠤᠴᠢᠯᠠᠭᠴᠢ ᠶᠢᠨ ᠦᠪᠡᠷ ᠦᠨ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠢ ᠤᠩᠰᠢᠭᠴᠢ ᠳᠤ ᠲᠠᠯᠪᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请选择要邮寄结果的办件</source>
        <translation>ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠢ ᠨᠢ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠬᠦ ᠬᠡᠷᠡᠭ ᠢᠶᠡᠨ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请依次选择省、市、区县</source>
        <translation>ᠮᠤᠵᠢ᠂ ᠬᠣᠲᠠ᠂ ᠲᠣᠭᠣᠷᠢᠭ ᠢ ᠳᠠᠷᠠᠭᠠᠯᠠᠨ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请输入详细地址（支持拼音输入）</source>
        <translation>ᠨᠠᠷᠢᠯᠢᠭ ᠬᠠᠶᠢᠭ ᠢᠶᠡᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ (ᠫᠢᠨᠶᠢᠨ ᠢᠶᠠᠷ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ)</translation>
    </message>
    <message>
        <source>请确认收件人姓名，可以修改</source>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠦ ᠨᠡᠷ᠎ᠡ ᠶᠢ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ᠂ ᠥᠭᠡᠷᠡᠴᠢᠯᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>请输入收件人联系电话</source>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠦ ᠤᠲᠠᠰᠤᠨ ᠤ ᠳᠤᠭᠠᠷ ᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>请核对邮寄信息，确认后提交</source>
        <translation>ᠰᠢᠦᠳᠠᠨ ᠤ ᠮᠡᠳᠡᠭᠡ ᠪᠡᠨ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠳ ᠲᠤᠰᠢᠶᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>申请已提交，结果文书将免费邮寄给您</source>
        <translation>ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠲᠤᠰᠢᠶᠠᠭᠳᠠᠪᠠ᠂ ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠦᠨ ᠪᠢᠴᠢᠭ ᠢ ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠲᠠᠨ ᠳᠤ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠨ᠎ᠡ</translation>
    </message>
    <message>
        <source>暂时无法申请，请稍后重试或到人工窗口办理</source>
        <translation>ᠲᠦᠷ ᠭᠤᠶᠤᠴᠢᠯᠠᠵᠤ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠯᠳᠠᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>ᠥᠭᠡᠷᠡᠴᠢᠯᠡᠬᠦ</translation>
    </message>
    <message>
        <source>免费邮寄：邮寄费用由政府承担。办件结果办结后寄出，材料也可寄回（双向免费）</source>
        <translation>ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠰᠢᠦᠳᠠᠨ᠄ ᠵᠠᠷᠤᠳᠠᠯ ᠢ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠳᠠᠭᠠᠨ᠎ᠠ᠃ ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠢ ᠢᠯᠡᠭᠡᠨ᠎ᠡ᠂ ᠪᠠᠷᠢᠮᠲᠠ ᠪᠠᠨ ᠴᠦ ᠪᠤᠴᠠᠭᠠᠵᠤ ᠢᠯᠡᠭᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ (ᠬᠣᠶᠠᠷ ᠲᠠᠯ᠎ᠠ ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ)</translation>
    </message>
    <message>
        <source>省份</source>
        <translation>ᠮᠤᠵᠢ</translation>
    </message>
    <message>
        <source>城市</source>
        <translation>ᠬᠣᠲᠠ</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>ᠲᠣᠭᠣᠷᠢᠭ</translation>
    </message>
    <message>
        <source>详细地址：街道、门牌号、小区、楼号和房号</source>
        <translation>ᠨᠠᠷᠢᠯᠢᠭ ᠬᠠᠶᠢᠭ᠄ ᠭᠤᠳᠤᠮᠵᠢ᠂ ᠡᠭᠦᠳᠡᠨ ᠦ ᠳᠤᠭᠠᠷ᠂ ᠰᠢᠶᠣᠤᠴᠢᠦ᠂ ᠪᠠᠢᠱᠢᠩ ᠪᠠ ᠥᠷᠦᠭᠡ ᠶᠢᠨ ᠳᠤᠭᠠᠷ</translation>
    </message>
    <message>
        <source>点击后弹出键盘，支持拼音输入</source>
        <translation>ᠳᠠᠷᠤᠭᠰᠠᠨ ᠤ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠷᠤᠭᠤᠯ ᠭᠠᠷᠴᠤ ᠢᠷᠡᠨ᠎ᠡ᠂ ᠫᠢᠨᠶᠢᠨ ᠢᠶᠠᠷ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>ᠨᠠᠷᠢᠯᠢᠭ ᠬᠠᠶᠢᠭ</translation>
    </message>
    <message>
        <source>收件人（默认为身份证持有人，可修改）</source>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ (ᠦᠨᠡᠮᠯᠡᠯ ᠡᠵᠡᠮᠰᠢᠭᠴᠢ᠂ ᠥᠭᠡᠷᠡᠴᠢᠯᠡᠵᠦ ᠪᠣᠯᠤᠨ᠎ᠠ)</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ</translation>
    </message>
    <message>
        <source>邮寄地区</source>
        <translation>ᠰᠢᠦᠳᠠᠨ ᠤ ᠣᠷᠣᠨ</translation>
    </message>
    <message>
        <source>邮寄费用由政府承担，您无需支付任何费用</source>
        <translation>ᠰᠢᠦᠳᠠᠨ ᠤ ᠵᠠᠷᠤᠳᠠᠯ ᠢ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠳᠠᠭᠠᠨ᠎ᠠ᠂ ᠲᠠ ᠶᠠᠮᠠᠷ ᠴᠦ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠲᠥᠯᠥᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>申请编号</source>
        <translation>ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ</translation>
    </message>
    <message>
        <source>办结后，结果文书将通过政务专递免费寄出，寄出后工作人员将电话告知</source>
        <translation>ᠬᠡᠷᠡᠭ ᠪᠦᠲᠦᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠦᠷ᠎ᠡ ᠳᠦᠩ ᠦᠨ ᠪᠢᠴᠢᠭ ᠢ ᠦᠨ᠎ᠡ ᠲᠥᠯᠥᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠢᠯᠡᠭᠡᠨ᠎ᠡ᠂ ᠢᠯᠡᠭᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠠᠵᠢᠯᠲᠠᠨ ᠤᠲᠠᠰᠤᠪᠠᠷ ᠮᠡᠳᠡᠭᠳᠡᠨ᠎ᠡ</translation>
    </message>
    <message>
        <source>回执已打印，请取走并保管好申请编号</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠡᠪᠯᠡᠭᠳᠡᠪᠡ᠂ ᠠᠪᠴᠤ ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ ᠢᠶᠠᠨ ᠰᠠᠢᠨ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>回执未能打印，请记下申请编号</source>
        <translation>ᠪᠠᠷᠢᠮᠲᠠ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ ᠢᠶᠠᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>该办件不是持证人本人的办件，不能申请邮寄。请使用申请人本人的身份证</source>
        <translation>ᠲᠤᠰ ᠬᠡᠷᠡᠭ ᠦᠨᠡᠮᠯᠡᠯ ᠡᠵᠡᠮᠰᠢᠭᠴᠢ ᠶᠢᠨ ᠬᠡᠷᠡᠭ ᠪᠢᠰᠢ᠂ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>该办件当前状态不能申请邮寄（已领取、不予受理或已撤回），请咨询人工窗口</source>
        <translation>ᠲᠤᠰ ᠬᠡᠷᠡᠭ ᠢ ᠣᠳᠣ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠬᠦ ᠦᠭᠡᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>您暂无可申请邮寄的办件。已申请或已办结待领取的办件才能邮寄</source>
        <translation>ᠲᠠᠨ ᠳᠤ ᠰᠢᠦᠳᠠᠨ ᠢᠶᠠᠷ ᠬᠦᠷᠭᠡᠵᠦ ᠪᠣᠯᠬᠤ ᠬᠡᠷᠡᠭ ᠣᠳᠣ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>请输入详细地址：街道、门牌号、小区、楼号和房号</source>
        <translation>ᠨᠠᠷᠢᠯᠢᠭ ᠬᠠᠶᠢᠭ ᠢᠶᠡᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠄ ᠭᠤᠳᠤᠮᠵᠢ᠂ ᠡᠭᠦᠳᠡᠨ ᠦ ᠳᠤᠭᠠᠷ᠂ ᠰᠢᠶᠣᠤᠴᠢᠦ᠂ ᠪᠠᠢᠱᠢᠩ ᠪᠠ ᠥᠷᠦᠭᠡ ᠶᠢᠨ ᠳᠤᠭᠠᠷ</translation>
    </message>
    <message>
        <source>详细地址请控制在100字以内</source>
        <translation>ᠨᠠᠷᠢᠯᠢᠭ ᠬᠠᠶᠢᠭ 100 ᠦᠰᠦᠭ ᠡᠴᠡ ᠬᠡᠲᠦᠷᠡᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>请输入收件人姓名</source>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠦ ᠨᠡᠷ᠎ᠡ ᠶᠢ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>收件人姓名请控制在30字以内</source>
        <translation>ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠬᠦᠮᠦᠨ ᠦ ᠨᠡᠷ᠎ᠡ 30 ᠦᠰᠦᠭ ᠡᠴᠡ ᠬᠡᠲᠦᠷᠡᠬᠦ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>申请未能提交：终端与服务中心的连接中断，业务系统中的申请已撤回。您填写的内容仍在本页，可稍后重试，或到人工窗口申请</source>
        <translation>ᠲᠤᠰᠢᠶᠠᠵᠤ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠪᠤᠴᠠᠭᠠᠭᠳᠠᠪᠠ᠃ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠯᠳᠠᠭᠠᠷᠠᠢ ᠪᠤᠶᠤ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>申请未能完整提交，请到人工窗口出示申请编号处理，请勿重复申请</source>
        <translation>ᠭᠤᠶᠤᠴᠢᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ ᠢᠶᠠᠨ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠴᠣᠨᠬᠣ ᠳᠤ ᠦᠵᠡᠭᠦᠯᠦᠭᠡᠷᠡᠢ᠂ ᠳᠠᠬᠢᠨ ᠭᠤᠶᠤᠴᠢᠯᠠᠬᠤ ᠦᠭᠡᠢ</translation>
    </message>
    <!-- extended-hours appointments (kiosk/qml/Zizhu/Appointment*.qml, drivers/printer/templates/appointment.toml) -->
    <message>
        <source>延时服务预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠮᠡᠯᠳᠡ ᠴᠠᠭ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>周六上午9:00至12:00延时服务，请选择预约或查看我的预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠦ ᠦᠳᠡ ᠡᠴᠡ ᠡᠮᠦᠨ᠎ᠡ 9:00—12:00 ᠨᠡᠮᠡᠯᠳᠡ ᠴᠠᠭ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ᠂ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠪᠤᠶᠤ ᠮᠢᠨᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>预约成功，请取走预约回执</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠵᠢᠯᠲᠠ ᠲᠠᠢ ᠵᠠᠬᠢᠶᠠᠯᠠᠪᠠ᠂ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠢᠶᠠᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>预约已取消</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠦᠭᠡᠢᠰᠬᠡᠪᠡ</translation>
    </message>
    <message>
        <source>非工作日周六上午9:00—12:00提供预约延时服务（法定节假日除外），预约截至前一天周五12:00</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠠᠷᠠᠬᠤ ᠡᠳᠦᠷ ᠦᠨ ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠦ 9:00—12:00 ᠳᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠪᠠᠷ ᠦᠢᠯᠡᠴᠢᠯᠡᠨ᠎ᠡ (ᠬᠠᠤᠯᠢ ᠶᠣᠰᠣᠨ ᠤ ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ ᠡᠴᠡ ᠪᠤᠰᠤ)᠂ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠨᠢ ᠡᠮᠦᠨ᠎ᠡ ᠬᠢ ᠭᠠᠷᠠᠭ ᠤᠨ ᠲᠠᠪᠤᠨ ᠦ 12:00 ᠳᠤ ᠳᠠᠭᠤᠰᠤᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>预约周六延时服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠦ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>我的预约（查看、取消）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠢᠨᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ (ᠦᠵᠡᠬᠦ᠂ ᠦᠭᠡᠢᠰᠬᠡᠬᠦ)</translation>
    </message>
    <message>
        <source>正在预约，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>正在取消，请稍候…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠦᠭᠡᠢᠰᠬᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠂ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ…</translation>
    </message>
    <message>
        <source>第1步：请选择要办理的事项</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠠᠯᠬᠤᠮ᠄ ᠪᠦᠲᠦᠭᠡᠬᠦ ᠬᠡᠷᠡᠭ ᠢᠶᠡᠨ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>第2步：请选择预约日期（周六上午9:00—12:00）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠣᠶᠠᠳᠤᠭᠠᠷ ᠠᠯᠬᠤᠮ᠄ ᠡᠳᠦᠷ ᠢᠶᠡᠨ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ (ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ 9:00—12:00)</translation>
    </message>
    <message>
        <source>%1 星期六</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ</translation>
    </message>
    <message>
        <source>第3步：请输入联系电话，部门工作人员将与您联系</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ ᠠᠯᠬᠤᠮ᠄ ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ ᠪᠠᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠲᠠᠨ ᠲᠠᠢ ᠬᠠᠷᠢᠯᠴᠠᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>第4步：请核对预约信息</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠦᠷᠪᠡᠳᠦᠭᠡᠷ ᠠᠯᠬᠤᠮ᠄ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠪᠠᠨ ᠰᠢᠨᠵᠢᠯᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>预约人：%1；联系电话：%2</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠠᠭᠴᠢ᠄ %1; ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ᠄ %2</translation>
    </message>
    <message>
        <source>预约时间：%1 星期六 %2</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠠᠭᠰᠠᠨ ᠴᠠᠭ᠄ %1 ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ %2</translation>
    </message>
    <message>
        <source>预约成功，预约编号：%1</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠠᠮᠵᠢᠯᠲᠠ ᠲᠠᠢ ᠵᠠᠬᠢᠶᠠᠯᠠᠪᠠ᠂ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ᠄ %1</translation>
    </message>
    <message>
        <source>请准时到达；超过约定时间30分钟未到，工作人员将与您联系；超过1小时未到视为放弃</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠴᠠᠭ ᠲᠤ ᠨᠢ ᠢᠷᠡᠭᠡᠷᠡᠢ᠃ 30 ᠮᠢᠨᠦ᠋ᠲ ᠬᠣᠵᠢᠳᠠᠪᠠᠯ ᠠᠵᠢᠯᠲᠠᠨ ᠲᠠᠨ ᠲᠠᠢ ᠬᠠᠷᠢᠯᠴᠠᠨ᠎ᠠ᠂ 1 ᠴᠠᠭ ᠬᠣᠵᠢᠳᠠᠪᠠᠯ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠡᠴᠡ ᠲᠠᠲᠠᠭᠠᠯᠵᠠᠭᠰᠠᠨ ᠳᠤ ᠲᠣᠭᠠᠴᠠᠨ᠎ᠠ᠃</translation>
    </message>
    <message>
        <source>请携带以下材料：</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠷᠠᠭᠠᠬᠢ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢ ᠠᠪᠴᠢᠷᠠᠭᠠᠷᠠᠢ᠄</translation>
    </message>
    <message>
        <source>请取走预约回执</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ ᠢᠶᠠᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>回执未能打印，请记下预约编号</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ ᠢᠶᠠᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠭᠡᠷᠡᠢ</translation>
    </message>
    <message>
        <source>正在打印回执…</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠰᠤᠯᠪᠤᠷ ᠬᠡᠪᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ…</translation>
    </message>
    <message>
        <source>我的预约：点击要取消的预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠮᠢᠨᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ᠄ ᠦᠭᠡᠢᠰᠬᠡᠬᠦ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠪᠠᠨ ᠳᠠᠷᠤᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>您没有待办理的延时服务预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ ᠳᠤ ᠬᠦᠯᠢᠶᠡᠭᠳᠡᠵᠦ ᠪᠤᠢ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>确定取消以下预约吗？</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠦᠭᠡᠢᠰᠬᠡᠬᠦ ᠦᠦ?</translation>
    </message>
    <message>
        <source>预约已取消，但未能通知大厅，请点击重试</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠦᠭᠡᠢᠰᠬᠡᠪᠡ᠂ ᠭᠡᠪᠡᠴᠦ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>确认预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠪᠠᠲᠤᠯᠠᠬᠤ</translation>
    </message>
    <message>
        <source>确定取消预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠦᠭᠡᠢᠰᠬᠡᠬᠦ</translation>
    </message>
    <message>
        <source>延时服务预约回执</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠮᠡᠯᠳᠡ ᠴᠠᠭ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠲᠠᠰᠤᠯᠪᠤᠷ</translation>
    </message>
    <message>
        <source>请携带以下材料</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳᠠᠷᠠᠭᠠᠬᠢ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢ ᠠᠪᠴᠢᠷᠠᠭᠠᠷᠠᠢ</translation>
    </message>
    <message>
        <source>预约需要读取身份证，身份证阅读器暂停使用，请到咨询导引台或拨打咨询电话预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠳᠤ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠬᠡᠷᠡᠭᠲᠡᠢ᠂ ᠤᠩᠰᠢᠭᠴᠢ ᠲᠦᠷ ᠠᠵᠢᠯᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠯᠠᠪᠯᠠᠬᠤ ᠰᠢᠷᠡᠭᠡ ᠪᠤᠶᠤ ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ ᠪᠠᠷ ᠵᠠᠬᠢᠶᠠᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>预约未成功：未能通知大厅，本次预约已撤销。请稍后重试，或到咨询导引台预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠪᠦᠲᠦᠭᠰᠡᠨ ᠦᠭᠡᠢ᠄ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠵᠦ ᠴᠢᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠡᠨᠡ ᠤᠳᠠᠭᠠᠨ ᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠦᠭᠡᠢᠰᠬᠡᠪᠡ᠃ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠳ ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠭᠠᠷᠠᠢ᠂ ᠪᠤᠶᠤ ᠯᠠᠪᠯᠠᠬᠤ ᠰᠢᠷᠡᠭᠡ ᠳᠤ ᠵᠠᠬᠢᠶᠠᠯᠠᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>预约状态不确定，请凭预约编号拨打咨询电话核实</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠪᠠᠶᠢᠳᠠᠯ ᠲᠣᠳᠣᠷᠬᠠᠢ ᠦᠭᠡᠢ᠂ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠳᠤᠭᠠᠷ ᠢᠶᠠᠷ ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ ᠳᠤ ᠶᠠᠷᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>该日为法定节假日，不提供延时服务，请选择其他日期</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠡᠳᠦᠷ ᠪᠣᠯ ᠬᠠᠤᠯᠢ ᠶᠣᠰᠣᠨ ᠤ ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ᠂ ᠨᠡᠮᠡᠯᠳᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠦᠭᠡᠢ᠂ ᠥᠭᠡᠷ᠎ᠡ ᠡᠳᠦᠷ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>该日为调休工作日，窗口正常上班，无需预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠡᠳᠦᠷ ᠪᠣᠯ ᠰᠣᠯᠢᠭᠳᠠᠭᠰᠠᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ᠂ ᠴᠣᠨᠬᠣ ᠬᠡᠪ ᠦᠨ ᠶᠣᠰᠣᠭᠠᠷ ᠠᠵᠢᠯᠯᠠᠨ᠎ᠠ᠂ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>该日预约已截止（截至前一天周五12:00）</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠡᠳᠦᠷ ᠦᠨ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠳᠠᠭᠤᠰᠪᠠ (ᠡᠮᠦᠨ᠎ᠡ ᠬᠢ ᠭᠠᠷᠠᠭ ᠤᠨ ᠲᠠᠪᠤᠨ ᠦ 12:00 ᠬᠦᠷᠲᠡᠯ᠎ᠡ)᠃</translation>
    </message>
    <message>
        <source>该日所在年度的法定节假日安排尚未公布，暂不能预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠵᠢᠯ ᠦᠨ ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠵᠣᠬᠢᠶᠠᠯᠲᠠ ᠵᠠᠷᠯᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠲᠦᠷ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠪᠣᠯᠤᠮᠵᠢ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>预约当天及之后不能在终端取消，如需取消请拨打咨询电话</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠠᠭᠰᠠᠨ ᠡᠳᠦᠷ ᠪᠤᠶᠤ ᠲᠡᠭᠦᠨ ᠡᠴᠡ ᠬᠣᠶᠢᠰᠢ ᠡᠨᠡ ᠮᠠᠱᠢᠨ ᠳᠤ ᠦᠭᠡᠢᠰᠬᠡᠬᠦ ᠪᠣᠯᠤᠮᠵᠢ ᠦᠭᠡᠢ᠂ ᠯᠠᠪᠯᠠᠬᠤ ᠤᠲᠠᠰᠤ ᠳᠤ ᠶᠠᠷᠢᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>延时服务仅在周六上午提供</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠡᠮᠡᠯᠳᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠦᠪᠬᠡᠨ ᠭᠠᠷᠠᠭ ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠦ ᠦᠳᠡ ᠡᠴᠡ ᠡᠮᠦᠨ᠎ᠡ᠃</translation>
    </message>
    <message>
        <source>该日期已过，请选择其他日期</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠡᠳᠦᠷ ᠥᠩᠭᠡᠷᠡᠪᠡ᠂ ᠥᠭᠡᠷ᠎ᠡ ᠡᠳᠦᠷ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>该日预约已满，请选择其他日期</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠤᠰ ᠡᠳᠦᠷ ᠦᠨ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠳᠦᠬᠦᠷᠴᠡᠢ᠂ ᠥᠭᠡᠷ᠎ᠡ ᠡᠳᠦᠷ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>您已预约该日的该事项，可在“我的预约”中查看</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠ ᠲᠤᠰ ᠡᠳᠦᠷ ᠦᠨ ᠲᠤᠰ ᠬᠡᠷᠡᠭ ᠢ ᠵᠠᠬᠢᠶᠠᠯᠠᠴᠢᠬᠠᠪᠠ᠂ “ᠮᠢᠨᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ” ᠳᠤ ᠦᠵᠡᠭᠡᠷᠡᠢ᠃</translation>
    </message>
    <message>
        <source>联系电话不正确，请重新输入</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠤᠲᠠᠰᠤ ᠪᠤᠷᠤᠭᠤ᠂ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠭᠤᠯᠭᠠᠷᠠᠢ᠃</translation>
    </message>
    <message>
        <source>未查询到您的该预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠲᠠᠨ ᠤ ᠡᠨᠡ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃</translation>
    </message>
    <message>
        <source>该预约已取消</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠡᠨᠡ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠶᠢ ᠦᠭᠡᠢᠰᠬᠡᠴᠢᠬᠡᠪᠡ᠃</translation>
    </message>
    <message>
        <source>可预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠠᠵᠤ ᠪᠣᠯᠤᠨ᠎ᠠ</translation>
    </message>
    <message>
        <source>%1，法定节假日不提供延时服务</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1᠂ ᠬᠠᠤᠯᠢ ᠶᠣᠰᠣᠨ ᠤ ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ᠂ ᠨᠡᠮᠡᠯᠳᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>调休工作日，窗口正常上班，无需预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠣᠯᠢᠭᠳᠠᠭᠰᠠᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ᠂ ᠴᠣᠨᠬᠣ ᠬᠡᠪ ᠦᠨ ᠶᠣᠰᠣᠭᠠᠷ ᠠᠵᠢᠯᠯᠠᠨ᠎ᠠ᠂ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>预约已截止</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠳᠠᠭᠤᠰᠪᠠ</translation>
    </message>
    <message>
        <source>%1年节假日安排尚未公布，暂不能预约</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>%1 ᠣᠨ ᠤ ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠵᠣᠬᠢᠶᠠᠯᠲᠠ ᠵᠠᠷᠯᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠲᠦᠷ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ ᠪᠣᠯᠤᠮᠵᠢ ᠦᠭᠡᠢ</translation>
    </message>
    <message>
        <source>元旦</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠰᠢᠨ᠎ᠡ ᠵᠢᠯ</translation>
    </message>
    <message>
        <source>春节</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠴᠠᠭᠠᠨ ᠰᠠᠷ᠎ᠠ</translation>
    </message>
    <message>
        <source>清明节</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠴᠢᠩ ᠮᠢᠩ ᠪᠠᠶᠠᠷ</translation>
    </message>
    <message>
        <source>劳动节</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠵᠠᠭᠤᠨ ᠤ ᠨᠢᠭᠡᠨ ᠦ ᠪᠠᠶᠠᠷ</translation>
    </message>
    <message>
        <source>端午节</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠳ᠋ᠤᠸᠠᠨ ᠤᠤ ᠪᠠᠶᠠᠷ</translation>
    </message>
    <message>
        <source>国庆节</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠤᠯᠤᠰ ᠤᠨ ᠪᠠᠶᠠᠷ</translation>
    </message>
    <message>
        <source>中秋节</source>
        <translatorcomment>needs native review</translatorcomment>
        <translation>ᠨᠠᠮᠤᠷ ᠤᠨ ᠳᠤᠮᠳᠠ ᠶᠢᠨ ᠪᠠᠶᠠᠷ</translation>
    </message>
</context>
</TS>
